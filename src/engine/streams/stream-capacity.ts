// Account capacity rules shared by CreateStream and UpdateStreamMode: the open-shard limit (which
// counts PROVISIONED streams only), the ON_DEMAND stream count limit, and who may have warm throughput.

import { OnDemandStreamLimitExceededError, ShardLimitExceededError, StreamModeError } from './stream-errors.js';
import type { StreamMode, StreamState } from './stream-state.js';

export interface AccountScope {
  readonly accountId: string;
  readonly region: string;
}

/** Open shards of the PROVISIONED streams among `streams`. */
export function openProvisionedShards(streams: readonly StreamState[]): number {
  let open = 0;
  for (const s of streams) {
    if (s.mode === 'PROVISIONED') open += s.shards.filter((shard) => shard.endingSequenceNumber === undefined).length;
  }
  return open;
}

/** Throws ShardLimitExceededError when `additional` provisioned shards would pass `limit`. */
export function checkShardLimit(scope: AccountScope, streams: readonly StreamState[], additional: number, limit: number): void {
  const current = openProvisionedShards(streams);
  if (current + additional > limit) throw new ShardLimitExceededError(scope.accountId, scope.region, current, limit, additional);
}

/** Throws OnDemandStreamLimitExceededError when one more ON_DEMAND stream would pass `limit`. */
export function checkOnDemandLimit(scope: AccountScope, streams: readonly StreamState[], limit: number): void {
  const current = streams.filter((s) => s.mode === 'ON_DEMAND').length;
  if (current + 1 > limit) throw new OnDemandStreamLimitExceededError(scope.accountId, scope.region, current, limit);
}

/** Throws StreamModeError unless warm throughput is allowed: ON_DEMAND mode and a commitment in force. */
export function checkWarmThroughput(scope: AccountScope, mode: StreamMode, streamName: string, commitmentInForce: boolean): void {
  if (mode !== 'ON_DEMAND') throw new StreamModeError('warmThroughputNeedsOnDemand', streamName, scope.accountId);
  if (!commitmentInForce) throw new StreamModeError('warmThroughputNeedsCommitment', streamName, scope.accountId);
}
