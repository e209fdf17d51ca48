// Prometheus exposition through prom-client. One family per metric and dimension set (shard-level
// families are named `tributary_<ns>_shard_...` so sums never double count); counters and gauges
// are read from the series at scrape time, timers are prom-client histograms.

import { Counter, Gauge, Histogram, Registry, type Metric } from 'prom-client';
import { prometheusLabel, prometheusName, type MetricDefinition } from './metric-catalogue.js';

/** What the exporter reads of a series at scrape time. */
export interface ExportedSeries {
  readonly definition: MetricDefinition;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const LATENCY_BUCKETS_MS = [0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000];

interface Family {
  readonly metric: Metric;
  readonly series: ExportedSeries[];
}

export class PrometheusExporter {
  readonly registry = new Registry();
  private readonly families = new Map<string, Family>();

  /** Adds a series to its family; for a timer, returns the histogram child to observe into. */
  register(series: ExportedSeries): { observe(v: number): void } | undefined {
    const dims = Object.keys(series.labels);
    const name = familyName(series.definition, dims.includes('ShardId'));
    const labelNames = dims.map(prometheusLabel);
    const promLabels: Record<string, string> = {};
    for (const d of dims) promLabels[prometheusLabel(d)] = series.labels[d]!;
    let family = this.families.get(name);
    if (family === undefined) {
      family = this.createFamily(name, series.definition, labelNames);
      this.families.set(name, family);
    }
    if (family.metric instanceof Histogram) return family.metric.labels(promLabels);
    family.series.push(series);
    return undefined;
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private createFamily(name: string, def: MetricDefinition, labelNames: string[]): Family {
    const series: ExportedSeries[] = [];
    const help = `${def.help} (${def.namespace}:${def.name}, ${def.unit})`;
    const registers = [this.registry];
    const fill = (m: { reset(): void; set?(l: Record<string, string>, v: number): void; inc?(l: Record<string, string>, v: number): void }): void => {
      m.reset();
      for (const s of series) {
        const labels: Record<string, string> = {};
        for (const [k, v] of Object.entries(s.labels)) labels[prometheusLabel(k)] = v;
        if (m.set !== undefined) m.set(labels, s.value);
        else m.inc!(labels, s.value);
      }
    };
    let metric: Metric;
    if (def.kind === 'timer') {
      metric = new Histogram({ name, help, labelNames, buckets: LATENCY_BUCKETS_MS, registers });
    } else if (def.kind === 'counter') {
      metric = new Counter({ name, help, labelNames, registers, collect() { fill(this); } });
    } else {
      metric = new Gauge({ name, help, labelNames, registers, collect() { fill(this); } });
    }
    return { metric, series };
  }
}

/** `tributary_kinesis_incoming_records_total`, or `tributary_kinesis_shard_incoming_records_total` per shard. */
export function familyName(def: MetricDefinition, perShard: boolean): string {
  const name = prometheusName(def);
  return perShard ? name.replace(`tributary_${def.namespace}_`, `tributary_${def.namespace}_shard_`) : name;
}
