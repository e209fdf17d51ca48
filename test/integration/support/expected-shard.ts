// Independent re-derivation of AWS's partition-key routing for tests: MD5 of the key as a 128-bit
// unsigned integer, and the hash range split evenly over N shards (the last shard takes the rest).
import { createHash } from 'node:crypto';

const HASH_SPACE = 1n << 128n;

/** The 128-bit hash key AWS derives from a partition key. */
export function hashKeyOf(partitionKey: string): bigint {
  return BigInt('0x' + createHash('md5').update(partitionKey, 'utf8').digest('hex'));
}

/** Starting and ending hash keys (decimal strings) of shard `index` out of `shardCount`. */
export function hashRangeOf(index: number, shardCount: number): { StartingHashKey: string; EndingHashKey: string } {
  const width = HASH_SPACE / BigInt(shardCount);
  const start = width * BigInt(index);
  const end = index === shardCount - 1 ? HASH_SPACE - 1n : start + width - 1n;
  return { StartingHashKey: start.toString(), EndingHashKey: end.toString() };
}

/** The shard id (`shardId-000000000002`) a hash key lands on in a freshly created stream. */
export function shardIdForHashKey(hashKey: bigint, shardCount: number): string {
  const width = HASH_SPACE / BigInt(shardCount);
  const index = Math.min(Number(hashKey / width), shardCount - 1);
  return shardIdOf(index);
}

export function shardIdOf(index: number): string {
  return 'shardId-' + String(index).padStart(12, '0');
}
