// The wire shape of a shard (DescribeStream, ListShards): hash key range, sequence number range
// (EndingSequenceNumber only once closed) and parents.

import { startingSequenceNumber } from '../../engine/streams/sequence-number.js';
import type { ShardState } from '../../engine/streams/stream-state.js';

export function describeShard(shard: ShardState): Record<string, unknown> {
  return {
    ShardId: shard.shardId,
    ...(shard.parentShardId !== undefined && { ParentShardId: shard.parentShardId }),
    ...(shard.adjacentParentShardId !== undefined && { AdjacentParentShardId: shard.adjacentParentShardId }),
    HashKeyRange: { StartingHashKey: shard.hashKeyStart, EndingHashKey: shard.hashKeyEnd },
    SequenceNumberRange: {
      StartingSequenceNumber: startingSequenceNumber(shard),
      ...(shard.endingSequenceNumber !== undefined && { EndingSequenceNumber: shard.endingSequenceNumber }),
    },
  };
}
