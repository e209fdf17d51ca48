// The one place metrics live in-process: pre-resolved handles the hot paths bump, a bounded time
// series store the console reads, hot-key sketches, status sources, and the Prometheus registry.

import type { Clock } from '../engine/clock.js';
import { metricDefinition, type MetricDefinition } from './metric-catalogue.js';
import { PrometheusExporter } from './prometheus-exporter.js';
import { MetricSeries, NOOP_HANDLE } from './metric-series.js';
import { SeriesStore } from './series-store.js';
import { SpaceSaving } from './space-saving.js';

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
export type { SketchEntry as TopEntry } from './space-saving.js';
import type { SketchEntry as TopEntry } from './space-saving.js';

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

import type { MappingStatus } from './mapping-status.js';
export type { LaneState, LaneStatus, MappingStatus } from './mapping-status.js';

/** What `status()` returns: snapshots gathered from the registered sources at call time. */
export interface MetricsStatus {
  readonly atMs: number;
  readonly mappings: readonly MappingStatus[];
  /** Extension point: other sources (queues, delivery streams) by name. */
  readonly sources: Readonly<Record<string, unknown>>;
}

export interface MetricsHubOptions {
  readonly clock: Clock;
  /** When false every handle is a no-op, nothing is stored and /metrics is empty (benchmark switch). Default true. */
  readonly enabled?: boolean;
  /** How far back series reach, seconds. Default 3600. */
  readonly retentionSeconds?: number;
  /** Slot width of series carrying a ShardId dimension, seconds. Default 10. */
  readonly shardResolutionSeconds?: number;
  /** Budget for all series rings; beyond it the least recently written series loses its history. Default 64 MiB. */
  readonly memoryBytes?: number;
  /** Entries per hot-key sketch. Default 32. */
  readonly hotKeyCapacity?: number;
  /** Most hot-key sketches (scopes) kept; further scopes are not tracked. Default 10000. */
  readonly maxHotKeyScopes?: number;
  /** Once a sketch is full, a new key gets in with probability 1/n (weight n). Default 8; 1 = exact space-saving. */
  readonly hotKeyReplaceOneIn?: number;
}

/** Hot paths resolve a handle once (per stream, shard, function...) and bump it per batch. */
export class MetricsHub {
  readonly enabled: boolean;
  private readonly clock: Clock;
  private readonly series_ = new Map<string, MetricSeries>();
  private readonly store: SeriesStore;
  private readonly sketches = new Map<string, SpaceSaving>();
  private readonly hotKeyCapacity: number;
  private readonly maxHotKeyScopes: number;
  private readonly hotKeyReplaceOneIn: number;
  private readonly exporter = new PrometheusExporter();
  private readonly samplers: (() => void)[] = [];
  private readonly sources = new Map<string, () => unknown>();
  private mappingSource: (() => readonly MappingStatus[]) | undefined;
  private interval: NodeJS.Timeout | undefined;

  constructor(options: MetricsHubOptions) {
    this.enabled = options.enabled ?? true;
    this.clock = options.clock;
    this.store = new SeriesStore({
      retentionSeconds: options.retentionSeconds ?? 3600,
      shardResolutionSeconds: options.shardResolutionSeconds ?? 10,
      memoryBytes: options.memoryBytes ?? 64 * 1024 * 1024,
    });
    this.hotKeyCapacity = options.hotKeyCapacity ?? 32;
    this.maxHotKeyScopes = options.maxHotKeyScopes ?? 10_000;
    this.hotKeyReplaceOneIn = options.hotKeyReplaceOneIn ?? 8;
  }

  /** A counter handle for one series; resolve once, bump often. Throws for a metric or dimension set not in the catalogue. */
  counter(metric: string, labels: MetricLabels): CounterHandle {
    return this.resolve(metric, labels, 'counter');
  }

  /** A gauge handle for one series. */
  gauge(metric: string, labels: MetricLabels): GaugeHandle {
    return this.resolve(metric, labels, 'gauge');
  }

  /** A timer handle for one series. */
  timer(metric: string, labels: MetricLabels): TimerHandle {
    return this.resolve(metric, labels, 'timer');
  }

  /** A hot-key sketch for one scope (labels), counting keys of `metric` by `labelKey`. */
  hotKeys(metric: string, labelKey: string, labels: MetricLabels): HotKeyHandle {
    metricDefinition(metric);
    if (!this.enabled) return NOOP_HANDLE;
    const key = `${metric}|${labelKey}|${labelsKey(labels)}`;
    let sketch = this.sketches.get(key);
    if (sketch === undefined) {
      if (this.sketches.size >= this.maxHotKeyScopes) return NOOP_HANDLE;
      sketch = new SpaceSaving(this.hotKeyCapacity, this.hotKeyReplaceOneIn);
      this.sketches.set(key, sketch);
    }
    return sketch;
  }

  /** Points of one series within retention; empty arrays for an unknown (or evicted) series. */
  series(query: SeriesQuery): SeriesPoints {
    const found = this.series_.get(`${query.metric}|${labelsKey(query.labels)}`);
    if (found === undefined) return { t: [], v: [] };
    return found.read(this.clock.now(), query.sinceMs);
  }

  /**
   * The n busiest values of `labelKey` (e.g. `PartitionKey`) for `metric` within the scope `labels`
   * (e.g. `{ StreamName, ShardId }`), busiest first; empty when nothing was offered.
   */
  top(metric: string, labelKey: string, n: number, labels: MetricLabels = {}): TopEntry[] {
    return this.sketches.get(`${metric}|${labelKey}|${labelsKey(labels)}`)?.top(n) ?? [];
  }

  /** Every series of `metric` that exists, with its labels (for listing shards, functions...). */
  labelsOf(metric: string): MetricLabels[] {
    return [...this.series_.values()].filter((s) => s.definition.id === metric).map((s) => s.labels);
  }

  /** Registers the mapping engine's snapshot function (called by status()). */
  setMappingStatusSource(source: () => readonly MappingStatus[]): void {
    this.mappingSource = source;
  }

  /** Registers another named snapshot source (queues, delivery streams later). */
  addStatusSource(name: string, source: () => unknown): void {
    this.sources.set(name, source);
  }

  /** Registers a function that sets gauges; run every second (start()) and before each scrape. */
  addSampler(sample: () => void): void {
    if (this.enabled) this.samplers.push(sample);
  }

  /** Runs every sampler now (tests; the timer and prometheus() call it). */
  sampleNow(): void {
    for (const sample of this.samplers) sample();
    // Reading mapping status also writes the per-shard lag gauges (MappingLagRecords/Milliseconds).
    if (this.enabled) this.mappingSource?.();
  }

  /** Starts sampling gauges every second (the timer does not keep the process alive). */
  start(): void {
    if (!this.enabled || this.timer !== undefined) return;
    this.interval = setInterval(() => this.sampleNow(), 1000);
    this.interval.unref();
  }

  /** Gathers snapshots from every source now. */
  status(): MetricsStatus {
    const sources: Record<string, unknown> = {};
    for (const [name, source] of this.sources) sources[name] = source();
    return { atMs: this.clock.now(), mappings: this.mappingSource?.() ?? [], sources };
  }

  /** Bytes held by series rings now (bounded by memoryBytes). */
  get memoryBytes(): number {
    return this.store.usedBytes;
  }

  /** The Prometheus text exposition (format 0.0.4) of every series. */
  async prometheus(): Promise<{ contentType: string; body: string }> {
    if (this.enabled) this.sampleNow();
    return this.exporter.render();
  }

  /** Stops the sampler timer. Idempotent. */
  close(): void {
    clearInterval(this.interval);
    this.interval = undefined;
  }

  private resolve(metric: string, labels: MetricLabels, kind: MetricDefinition['kind']): MetricSeries {
    const definition = metricDefinition(metric);
    if (definition.kind !== kind) throw new Error(`metric ${metric} is a ${definition.kind}, not a ${kind}`);
    const names = Object.keys(labels).sort();
    if (!definition.dimensions.some((d) => d.length === names.length && [...d].sort().every((n, i) => n === names[i]))) {
      throw new Error(`metric ${metric} has no dimension set ${names.join(',')}`);
    }
    if (!this.enabled) return NOOP_HANDLE as unknown as MetricSeries;
    const key = `${metric}|${labelsKey(labels)}`;
    let found = this.series_.get(key);
    if (found === undefined) {
      found = new MetricSeries(definition, { ...labels }, this.clock, this.store, this.exporter);
      this.series_.set(key, found);
    }
    return found;
  }
}

function labelsKey(labels: MetricLabels): string {
  return Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(',');
}
