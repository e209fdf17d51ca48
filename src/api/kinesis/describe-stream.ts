// DescribeStream: the stream and a page of its shards (Limit, at most 100; ExclusiveStartShardId).

import type { Operation } from '../operation.js';
import { shardIndexOf } from '../../engine/streams/stream-lookup.js';
import type { ShardState } from '../../engine/streams/stream-state.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { describeShard } from './shard-description.js';
import { streamRefOf } from './stream-ref-input.js';
import { creationTimestamp, enhancedMonitoring, streamModeDetails, visibleShards } from './stream-output.js';

const MAX_SHARDS = 100;

export const describeStream: Operation<KinesisDeps> = {
  name: 'DescribeStream',
  async handle(input, { streams }) {
    const stream = streams.require(streamRefOf(input));
    const limit = Math.min((input['Limit'] as number | undefined) ?? MAX_SHARDS, MAX_SHARDS);
    const after = input['ExclusiveStartShardId'] as string | undefined;
    const remaining = after === undefined ? visibleShards(stream) : shardsAfter(visibleShards(stream), after);
    return {
      StreamDescription: {
        StreamName: stream.name,
        StreamARN: stream.arn,
        StreamStatus: stream.status,
        StreamModeDetails: streamModeDetails(stream),
        Shards: remaining.slice(0, limit).map(describeShard),
        HasMoreShards: remaining.length > limit,
        RetentionPeriodHours: stream.retentionHours,
        StreamCreationTimestamp: creationTimestamp(stream),
        EnhancedMonitoring: enhancedMonitoring(stream),
        EncryptionType: stream.encryptionType,
        ...(stream.keyId !== undefined && { KeyId: stream.keyId }),
      },
    };
  },
};

/** The shards after `shardId` in shard order (by index when the id names one, else by id). */
export function shardsAfter(shards: readonly ShardState[], shardId: string): readonly ShardState[] {
  const index = shardIndexOf(shardId);
  return index === undefined ? shards.filter((s) => s.shardId > shardId) : shards.filter((s) => s.index > index);
}
