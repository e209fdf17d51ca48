// ShardRouter: maps a hash key to the open shard whose inclusive hash key range contains it.
// Built once per shard layout (sorted start keys, binary search over hex strings) and cached.

import type { ShardState, StreamState } from './stream-state.js';
import { decimalToHashHex } from './hash-key.js';

export class ShardRouter {
  /** Open shards (no endingSequenceNumber), sorted by range start. */
  readonly shards: readonly ShardState[];
  private readonly starts: string[];
  private readonly ends: string[];

  constructor(shards: readonly ShardState[]) {
    const open = shards.filter((s) => s.endingSequenceNumber === undefined);
    const keyed = open
      .map((shard) => ({ shard, start: decimalToHashHex(shard.hashKeyStart), end: decimalToHashHex(shard.hashKeyEnd) }))
      .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    this.shards = keyed.map((k) => k.shard);
    this.starts = keyed.map((k) => k.start);
    this.ends = keyed.map((k) => k.end);
  }

  /**
   * Position in `shards` of the open shard containing `hashHex` (32 lowercase hex chars),
   * or -1 when no open shard covers it (only possible with a broken shard layout).
   */
  route(hashHex: string): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= hashHex) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found >= 0 && hashHex <= this.ends[found]! ? found : -1;
  }
}

interface CachedRouter {
  readonly shards: readonly ShardState[];
  readonly router: ShardRouter;
}

const cache = new Map<string, CachedRouter>();
const MAX_CACHED_STREAMS = 4096;

/**
 * The router for a stream's current shard layout. Cached per stream incarnation (id) and
 * reused while the shard list is the same array or has the same length and open-shard ids
 * (resharding always changes the shard count).
 */
export function routerFor(stream: StreamState): ShardRouter {
  const cached = cache.get(stream.id);
  if (cached !== undefined) {
    if (cached.shards === stream.shards) return cached.router;
    if (sameLayout(cached.shards, stream.shards)) {
      cache.set(stream.id, { shards: stream.shards, router: cached.router });
      return cached.router;
    }
  }
  const router = new ShardRouter(stream.shards);
  if (cache.size >= MAX_CACHED_STREAMS) cache.clear();
  cache.set(stream.id, { shards: stream.shards, router });
  return router;
}

function sameLayout(a: readonly ShardState[], b: readonly ShardState[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.shardId !== y.shardId || (x.endingSequenceNumber === undefined) !== (y.endingSequenceNumber === undefined)) {
      return false;
    }
  }
  return true;
}
