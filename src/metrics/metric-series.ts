// One labelled series: the handle hot paths bump. Keeps the running total (or last value) for
// Prometheus and writes the time series ring, which it gets from the SeriesStore on first write.

import type { Clock } from '../engine/clock.js';
import type { MetricDefinition } from './metric-catalogue.js';
import type { PrometheusExporter } from './prometheus-exporter.js';
import type { SeriesRing } from './series-ring.js';
import type { RingOwner, SeriesStore } from './series-store.js';

export class MetricSeries implements RingOwner {
  /** Counter: running total; gauge: last value; timer: number of observations. */
  value = 0;
  lastWriteMs = 0;
  private ring: SeriesRing | undefined;
  private readonly perShard: boolean;
  private readonly histogram: { observe(v: number): void } | undefined;

  constructor(
    readonly definition: MetricDefinition,
    readonly labels: Readonly<Record<string, string>>,
    private readonly clock: Clock,
    private readonly store: SeriesStore,
    exporter: PrometheusExporter,
  ) {
    this.perShard = 'ShardId' in labels;
    this.histogram = exporter.register(this);
  }

  /** Counter: adds n. */
  add(n: number): void {
    this.value += n;
    this.write(n);
  }

  /** Gauge: sets the level. */
  set(value: number): void {
    this.value = value;
    this.write(value);
  }

  /** Timer: one observation of `ms`. */
  observe(ms: number): void {
    this.value++;
    this.histogram?.observe(ms);
    this.write(ms);
  }

  read(nowMs: number, sinceMs: number | undefined): { t: number[]; v: number[] } {
    return this.ring?.read(nowMs, sinceMs) ?? { t: [], v: [] };
  }

  evict(): void {
    this.ring = undefined;
  }

  private write(n: number): void {
    const now = this.clock.now();
    this.lastWriteMs = now;
    (this.ring ??= this.store.allocate(this, this.definition.kind, this.perShard))?.write(now, n);
  }
}

/** What a disabled hub hands out: every method does nothing. */
export const NOOP_HANDLE = {
  add(): void {},
  set(): void {},
  observe(): void {},
  offer(): void {},
};
