// ListShards' ShardFilter: which shards each filter type selects, and the members each type needs.

import { shardFilterNeedsShardId, shardFilterNeedsTimestamp } from '../../errors/kinesis-errors.js';
import { shardIndexOf } from '../../engine/streams/stream-lookup.js';
import type { ShardState, StreamState } from '../../engine/streams/stream-state.js';

export interface ShardFilterInput {
  readonly Type: string;
  readonly ShardId?: string;
  readonly Timestamp?: Date;
}

/** Throws InvalidArgumentException when the filter lacks the member its type needs. */
export function checkShardFilter(filter: ShardFilterInput): void {
  if (filter.Type === 'AFTER_SHARD_ID' && filter.ShardId === undefined) throw shardFilterNeedsShardId();
  if ((filter.Type === 'AT_TIMESTAMP' || filter.Type === 'FROM_TIMESTAMP') && filter.Timestamp === undefined) {
    throw shardFilterNeedsTimestamp(filter.Type);
  }
}

const isOpen = (s: ShardState) => s.endingSequenceNumber === undefined;

/**
 * The shards `filter` selects. Shards never close yet (no resharding), so every shard of a
 * stream is within its retention and open since the stream was created.
 */
export function applyShardFilter(stream: StreamState, shards: readonly ShardState[], filter: ShardFilterInput | undefined): readonly ShardState[] {
  switch (filter?.Type) {
    case undefined:
    case 'AT_TRIM_HORIZON':
    case 'FROM_TRIM_HORIZON':
    case 'FROM_TIMESTAMP':
      return shards;
    case 'AT_LATEST':
      return shards.filter(isOpen);
    case 'AT_TIMESTAMP': {
      // A timestamp before the stream existed is corrected to its creation (the trim horizon).
      const at = Math.max(filter.Timestamp?.getTime() ?? 0, stream.createdAt);
      return shards.filter((s) => s.createdAt <= at && isOpen(s));
    }
    case 'AFTER_SHARD_ID': {
      const id = filter.ShardId ?? '';
      const index = shardIndexOf(id);
      return index === undefined ? shards.filter((s) => s.shardId > id) : shards.filter((s) => s.index > index);
    }
    default:
      return shards;
  }
}
