// Per-shard charts and hot keys of a stream, read from the MetricsHub: incoming records and
// bytes, GetRecords iterator age (consumers reading with GetRecords) and, per event source mapping
// on the stream, the mapping's IteratorAge, one series per shard; the busiest partition keys per shard.

import type { StreamState } from '../engine/streams/stream-state.js';
import type { SeriesPoints, TopEntry } from '../metrics/metrics-hub.js';
import type { ConsoleDeps } from './console-deps.js';

export interface ShardSeries {
  readonly shardId: string;
  readonly incomingRecords: SeriesPoints;
  readonly incomingBytes: SeriesPoints;
  /** kinesis:GetRecords.IteratorAgeMilliseconds: the age seen by GetRecords callers. */
  readonly iteratorAgeMs: SeriesPoints;
  /** lambda:IteratorAge of each mapping reading this stream, for this shard. */
  readonly mappingIteratorAgeMs: readonly MappingAgeSeries[];
}

export interface MappingAgeSeries {
  readonly uuid: string;
  readonly functionName: string;
  readonly points: SeriesPoints;
}

export interface StreamMetricsView {
  readonly streamName: string;
  /** False when the server runs without metrics: every series is empty. */
  readonly metricsEnabled: boolean;
  readonly nowMs: number;
  readonly shards: readonly ShardSeries[];
}

const EMPTY: SeriesPoints = { t: [], v: [] };
const DEFAULT_WINDOW_MS = 15 * 60_000;

export function shardMetrics(deps: ConsoleDeps, stream: StreamState, sinceMs?: number): StreamMetricsView {
  const { metrics } = deps;
  const nowMs = deps.now();
  const since = sinceMs ?? nowMs - DEFAULT_WINDOW_MS;
  const series = (metric: string, shardId: string): SeriesPoints =>
    metrics ? metrics.series({ metric, labels: { StreamName: stream.name, ShardId: shardId }, sinceMs: since }) : EMPTY;
  const mappings = (deps.mappings?.list() ?? []).filter((m) => m.eventSourceArn === stream.arn);
  const mappingAges = (shardId: string): MappingAgeSeries[] =>
    mappings.map((m) => ({
      uuid: m.uuid,
      functionName: m.functionName,
      points: metrics ? metrics.series({ metric: 'lambda:IteratorAge', labels: { EventSourceMappingUUID: m.uuid, ShardId: shardId }, sinceMs: since }) : EMPTY,
    }));
  return {
    streamName: stream.name,
    metricsEnabled: metrics !== undefined,
    nowMs,
    shards: stream.shards.map((s) => ({
      shardId: s.shardId,
      incomingRecords: series('kinesis:IncomingRecords', s.shardId),
      incomingBytes: series('kinesis:IncomingBytes', s.shardId),
      iteratorAgeMs: series('kinesis:GetRecords.IteratorAgeMilliseconds', s.shardId),
      mappingIteratorAgeMs: mappingAges(s.shardId),
    })),
  };
}

export interface ShardHotKeys {
  readonly shardId: string;
  readonly keys: readonly TopEntry[];
}

/** The `n` busiest partition keys of every shard (by records put). */
export function streamHotKeys(deps: ConsoleDeps, stream: StreamState, n: number): ShardHotKeys[] {
  const count = Math.max(1, Math.min(n, 100));
  return stream.shards.map((s) => ({
    shardId: s.shardId,
    keys: deps.metrics ? deps.metrics.top('kinesis:IncomingRecords', 'PartitionKey', count, { StreamName: stream.name, ShardId: s.shardId }) : [],
  }));
}
