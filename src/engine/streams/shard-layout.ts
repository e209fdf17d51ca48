// How a new stream's 128-bit hash key space is divided among its shards, exactly as AWS does
// (and kinesalite mirrors): every shard gets floor(2^128 / n) keys, the last one also takes the
// remainder, so shard i covers [i*step, (i+1)*step - 1] and the last ends at 2^128 - 1.

export const MAX_HASH_KEY = (1n << 128n) - 1n;

export interface HashKeyRange {
  /** Decimal strings, inclusive. */
  readonly hashKeyStart: string;
  readonly hashKeyEnd: string;
}

/** The hash key ranges of `shardCount` (>= 1) shards, in shard order. */
export function evenShardLayout(shardCount: number): HashKeyRange[] {
  if (!Number.isInteger(shardCount) || shardCount < 1) throw new RangeError(`invalid shard count ${shardCount}`);
  const step = (MAX_HASH_KEY + 1n) / BigInt(shardCount);
  const ranges: HashKeyRange[] = [];
  for (let i = 0; i < shardCount; i++) {
    const start = step * BigInt(i);
    const end = i === shardCount - 1 ? MAX_HASH_KEY : step * BigInt(i + 1) - 1n;
    ranges.push({ hashKeyStart: start.toString(), hashKeyEnd: end.toString() });
  }
  return ranges;
}

/** `shardId-000000000007` for index 7. */
export function shardIdFor(index: number): string {
  return `shardId-${String(index).padStart(12, '0')}`;
}
