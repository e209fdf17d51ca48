// Wire fragments shared by the describe/list operations: timestamps in whole seconds (as AWS
// reports stream creation), mode details and the enhanced monitoring list.

import type { StreamState } from '../../engine/streams/stream-state.js';

/** StreamCreationTimestamp: AWS reports whole seconds. */
export function creationTimestamp(stream: StreamState): Date {
  return new Date(Math.floor(stream.createdAt / 1000) * 1000);
}

export function streamModeDetails(stream: StreamState): { StreamMode: string } {
  return { StreamMode: stream.mode };
}

export function enhancedMonitoring(stream: StreamState): Array<{ ShardLevelMetrics: string[] }> {
  return [{ ShardLevelMetrics: [...stream.shardLevelMetrics] }];
}

/** The shards a describe call shows: none while the stream is CREATING (as AWS). */
export function visibleShards(stream: StreamState): StreamState['shards'] {
  return stream.status === 'CREATING' ? [] : stream.shards;
}
