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
  /** Keys that had the smallest count (`minCount`) at the last scan; all counts stay >= minCount. */
  private minKeys: string[] = [];
  private minCount = 0;

  /**
   * `replaceOneIn`: once full, a new key replaces the smallest with probability 1/replaceOneIn and
   * weight × replaceOneIn (unbiased in expectation). Tracked keys are always counted exactly; this
   * only thins the churn of many distinct keys (random partition keys), which costs the most.
   */
  constructor(readonly capacity: number, private readonly replaceOneIn = 1) {}

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
    if (this.replaceOneIn > 1) {
      if (Math.random() * this.replaceOneIn >= 1) return;
      weight *= this.replaceOneIn;
    }
    const victim = this.smallest();
    const reused = this.counts.get(victim)!;
    this.counts.delete(victim);
    reused.count = this.minCount + weight;
    reused.error = this.minCount;
    this.counts.set(key, reused);
  }

  /** The n heaviest keys, heaviest first (ties by key). */
  top(n: number): SketchEntry[] {
    return [...this.counts]
      .map(([key, e]) => ({ key, count: e.count, error: e.error }))
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .slice(0, n);
  }

  /**
   * A key with the smallest count. Counts only grow and replacements enter above the minimum, so
   * a key from the last scan whose count is unchanged is still a minimum: one O(capacity) scan
   * serves many evictions (amortised O(1) even when every key is new).
   */
  private smallest(): string {
    for (;;) {
      const candidate = this.minKeys.pop();
      if (candidate === undefined) {
        this.scan();
        continue;
      }
      if (this.counts.get(candidate)?.count === this.minCount) return candidate;
    }
  }

  private scan(): void {
    let min = Infinity;
    for (const e of this.counts.values()) if (e.count < min) min = e.count;
    this.minCount = min;
    this.minKeys = [];
    for (const [k, e] of this.counts) if (e.count === min) this.minKeys.push(k);
  }
}
