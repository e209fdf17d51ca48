// Hands out SeriesRings within a memory budget. Series carrying a ShardId get coarser slots (there
// may be thousands); when the budget is spent, the least recently written series loses its ring.

import type { MetricKind } from './metric-catalogue.js';
import { SeriesRing } from './series-ring.js';

/** What the store needs of a series to evict it. */
export interface RingOwner {
  readonly lastWriteMs: number;
  /** Drops the ring (history); the series keeps counting for Prometheus and gets a new ring on its next write. */
  evict(): void;
}

export interface SeriesStoreOptions {
  readonly retentionSeconds: number;
  readonly shardResolutionSeconds: number;
  readonly memoryBytes: number;
}

export class SeriesStore {
  private used = 0;
  private evictions = 0;
  private readonly owners = new Map<RingOwner, SeriesRing>();

  constructor(private readonly options: SeriesStoreOptions) {}

  get usedBytes(): number {
    return this.used;
  }

  /** Series that lost their history to the budget so far. */
  get evicted(): number {
    return this.evictions;
  }

  /** A new ring for `owner`, evicting least recently written rings to fit; undefined if it never fits. */
  allocate(owner: RingOwner, kind: MetricKind, perShard: boolean): SeriesRing | undefined {
    const { retentionSeconds, shardResolutionSeconds, memoryBytes } = this.options;
    const resolutionSeconds = perShard ? shardResolutionSeconds : 1;
    const slots = Math.max(1, Math.ceil(retentionSeconds / resolutionSeconds));
    const bytes = slots * 4 * (kind === 'timer' ? 2 : 1);
    if (bytes > memoryBytes) return undefined;
    while (this.used + bytes > memoryBytes) this.evictOldest();
    const ring = new SeriesRing(kind, resolutionSeconds * 1000, slots);
    this.owners.set(owner, ring);
    this.used += ring.bytes;
    return ring;
  }

  private evictOldest(): void {
    let victim: RingOwner | undefined;
    for (const owner of this.owners.keys()) {
      if (victim === undefined || owner.lastWriteMs < victim.lastWriteMs) victim = owner;
    }
    if (victim === undefined) return;
    this.used -= this.owners.get(victim)!.bytes;
    this.owners.delete(victim);
    this.evictions++;
    victim.evict();
  }
}
