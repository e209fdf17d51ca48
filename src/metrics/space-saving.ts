// Space-saving top-k sketch (Metwally et al.): at most `capacity` counters; a new key replaces the
// smallest one and inherits its count as error. Bounded memory, exact for keys that stay heavy.

export interface SketchEntry {
  readonly key: string;
  readonly count: number;
  /** Upper bound of how much `count` overstates the key's true count. */
  readonly error: number;
}

export class SpaceSaving {
  private readonly counts = new Map<string, { count: number; error: number }>();

  constructor(readonly capacity: number) {}

  offer(key: string, weight = 1): void {
    const entry = this.counts.get(key);
    if (entry !== undefined) {
      entry.count += weight;
      return;
    }
    if (this.counts.size < this.capacity) {
      this.counts.set(key, { count: weight, error: 0 });
      return;
    }
    let minKey = '';
    let min = Infinity;
    for (const [k, e] of this.counts) {
      if (e.count < min) {
        min = e.count;
        minKey = k;
      }
    }
    this.counts.delete(minKey);
    this.counts.set(key, { count: min + weight, error: min });
  }

  /** The n heaviest keys, heaviest first (ties by key). */
  top(n: number): SketchEntry[] {
    return [...this.counts]
      .map(([key, e]) => ({ key, count: e.count, error: e.error }))
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .slice(0, n);
  }
}
