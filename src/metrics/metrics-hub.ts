// The one place metrics live in-process: pre-resolved handles the hot paths bump, a bounded time
// series store the console reads, hot-key sketches, status sources, and the Prometheus registry.

import type { Clock } from '../engine/clock.js';

/** Dimension values by CloudWatch dimension name, e.g. `{ StreamName: 'orders', ShardId: 'shardId-000000000000' }`. */
export type MetricLabels = Readonly<Record<string, string>>;

export interface SeriesQuery {
  /** A catalogue id, e.g. `kinesis:IncomingRecords` (see metric-catalogue.ts). */
  readonly metric: string;
  /** Exact dimension values identifying one series. */
  readonly labels: MetricLabels;
  /** Only points at or after this epoch-ms time (default: everything retained). */
  readonly sinceMs?: number;
}

/** Points of one series, oldest first: `t` epoch ms of each slot's start, `v` its value. */
export interface SeriesPoints {
  readonly t: number[];
  readonly v: number[];
}

/** One entry of a hot-key sketch: an approximate count, never below the true one by more than `error`. */
export interface TopEntry {
  readonly key: string;
  readonly count: number;
  readonly error: number;
}

/** Counts events; `add` is per batch where possible (n records, n bytes). */
export interface CounterHandle {
  add(n: number): void;
}

/** A level that is sampled, e.g. messages visible. */
export interface GaugeHandle {
  set(value: number): void;
}

/** Milliseconds taken by something; series hold the per-slot average, Prometheus a histogram. */
export interface TimerHandle {
  observe(ms: number): void;
}

/** Tracks the busiest keys of one scope (e.g. partition keys of one shard). */
export interface HotKeyHandle {
  offer(key: string, weight: number): void;
}

/** Why a mapping's shard is where it is. */
export type LaneState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'invoking'; readonly sinceMs: number }
  | { readonly kind: 'retrying'; readonly attempt: number; readonly maxAttempts: number | null; readonly sinceMs: number; readonly lastError?: string }
  | { readonly kind: 'waiting-for-parent'; readonly parentShardIds: readonly string[] }
  | { readonly kind: 'throttled'; readonly sinceMs: number }
  | { readonly kind: 'disabled' };

/** One shard of one mapping: where it reads, how far behind, and why. */
export interface LaneStatus {
  readonly shardId: string;
  /** Last checkpointed sequence number, if any. */
  readonly position?: string;
  /** Records between the checkpoint and the shard's end (approximate for closed shards). */
  readonly lagRecords: number;
  /** Age of the oldest unprocessed record in ms (0 when caught up). */
  readonly lagMs: number;
  readonly state: LaneState;
  /** A short human sentence for the state, e.g. "retrying batch 2 of 5 since 09:15:02". */
  readonly reason: string;
}

export interface MappingStatus {
  readonly uuid: string;
  readonly functionName: string;
  readonly streamName: string;
  readonly state: string;
  readonly lanes: readonly LaneStatus[];
}

/** What `status()` returns: snapshots gathered from the registered sources at call time. */
export interface MetricsStatus {
  readonly atMs: number;
  readonly mappings: readonly MappingStatus[];
  /** Extension point: other sources (queues, delivery streams) by name. */
  readonly sources: Readonly<Record<string, unknown>>;
}

export interface MetricsHubOptions {
  readonly clock: Clock;
  /** When false every handle is a no-op and /metrics is empty (benchmark switch). Default true. */
  readonly enabled?: boolean;
  /** How far back series reach, seconds. Default 3600. */
  readonly retentionSeconds?: number;
  /** Slot width of series carrying a ShardId label, seconds. Default 10. */
  readonly shardResolutionSeconds?: number;
  /** Most series kept; beyond it the least recently updated series is evicted. Default 20000. */
  readonly maxSeries?: number;
  /** Entries per hot-key sketch. Default 32. */
  readonly hotKeyCapacity?: number;
}

export class MetricsHub {
  constructor(readonly options: MetricsHubOptions) {}

  /** Whether metrics are collected at all. */
  get enabled(): boolean {
    return this.options.enabled ?? true;
  }

  /** A counter handle for one series; resolve once, bump often. Throws for a metric not in the catalogue. */
  counter(metric: string, labels: MetricLabels): CounterHandle {
    throw new Error(`not implemented ${metric} ${JSON.stringify(labels)}`);
  }

  /** A gauge handle for one series. */
  gauge(metric: string, labels: MetricLabels): GaugeHandle {
    throw new Error(`not implemented ${metric} ${JSON.stringify(labels)}`);
  }

  /** A timer handle for one series. */
  timer(metric: string, labels: MetricLabels): TimerHandle {
    throw new Error(`not implemented ${metric} ${JSON.stringify(labels)}`);
  }

  /** A hot-key sketch for one scope (labels), counting keys of `metric` by `labelKey`. */
  hotKeys(metric: string, labelKey: string, labels: MetricLabels): HotKeyHandle {
    throw new Error(`not implemented ${metric} ${labelKey} ${JSON.stringify(labels)}`);
  }

  /** Points of one series within retention; empty arrays for an unknown series. */
  series(query: SeriesQuery): SeriesPoints {
    throw new Error(`not implemented ${JSON.stringify(query)}`);
  }

  /**
   * The n busiest values of `labelKey` (e.g. `PartitionKey`) for `metric` within the scope `labels`
   * (e.g. `{ StreamName, ShardId }`), busiest first; empty when nothing was offered.
   */
  top(metric: string, labelKey: string, n: number, labels: MetricLabels = {}): TopEntry[] {
    throw new Error(`not implemented ${metric} ${labelKey} ${n} ${JSON.stringify(labels)}`);
  }

  /** Registers the mapping engine's snapshot function (called by status()). */
  setMappingStatusSource(source: () => readonly MappingStatus[]): void {
    void source;
  }

  /** Registers another named snapshot source (queues, delivery streams later). */
  addStatusSource(name: string, source: () => unknown): void {
    void name;
    void source;
  }

  /** Gathers snapshots from every source now. */
  status(): MetricsStatus {
    throw new Error('not implemented');
  }

  /** The Prometheus text exposition (format 0.0.4) of every metric. */
  async prometheus(): Promise<{ contentType: string; body: string }> {
    throw new Error('not implemented');
  }

  /** Stops periodic samplers. Idempotent. */
  close(): void {}
}
