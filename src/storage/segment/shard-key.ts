// Shard keys name directories under the log's root, so only a safe alphabet is accepted.
import { InvalidShardKeyError } from './segment-errors.js';

const SHARD_KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

/** Throws InvalidShardKeyError unless `shard` is `[A-Za-z0-9_-]+` parts joined by '/'. */
export function assertShardKey(shard: string): void {
  if (typeof shard !== 'string' || !SHARD_KEY.test(shard)) throw new InvalidShardKeyError(String(shard));
}
