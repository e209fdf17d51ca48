// Delivery streams in the console: source, destination, buffering hints, buffer fill, data
// freshness and spooled bytes and the last deliveries and failures (DeliveryJournal), and the
// incoming/delivered series (MetricsHub). Secrets in destinations (passwords, access keys) never leave here.

import type { StoredDeliveryStream } from '../delivery/delivery-stream-registry.js';
import type { DestinationSettings } from '../delivery/delivery-stream-definition.js';
import type { DeliveredEntry, FailureEntry, JournalTotals } from '../delivery/pipeline/delivery-journal.js';
import type { SeriesPoints } from '../metrics/metrics-hub.js';
import type { ConsoleDeps, DeliveryPort } from './console-deps.js';

export type { DeliveredEntry, FailureEntry, JournalTotals } from '../delivery/pipeline/delivery-journal.js';

export interface DeliverySourceView {
  readonly kind: 'DirectPut' | 'KinesisStreamAsSource';
  /** The source stream's name, for a Kinesis source. */
  readonly streamName: string | null;
  readonly streamArn: string | null;
}

export interface DeliveryDestinationView {
  /** `file` (S3 destination without endpoint: a directory bucket), `s3`, `http-endpoint`, `postgres`, `duckdb`, ... */
  readonly kind: string;
  /** Where data lands, secrets removed: `bucket/prefix`, an endpoint URL, `table` in a database. */
  readonly target: string;
  /** Object key prefix (object destinations) or `null`. */
  readonly prefix: string | null;
  /** Table (row destinations) or `null`. */
  readonly table: string | null;
  readonly compression: string;
  /** `Parquet` with format conversion, else `raw`. */
  readonly format: string;
}

export interface DeliveryStreamSummary {
  readonly name: string;
  readonly arn: string;
  readonly status: string;
  readonly createdAt: number;
  readonly versionId: number;
  readonly source: DeliverySourceView;
  readonly destination: DeliveryDestinationView;
  readonly bufferingHints: { readonly sizeInMBs: number; readonly intervalInSeconds: number };
  /** False when the server runs without metrics: the series are empty (levels and totals still show). */
  readonly metricsEnabled: boolean;
  /** Bytes in the in-memory buffers (as BufferedBytes). */
  readonly bufferedBytes: number;
  /** SizeInMBs in bytes: a buffer is flushed when it reaches this. */
  readonly bufferLimitBytes: number;
  /** bufferedBytes / bufferLimitBytes (0..1; can pass 1 with several partitions). */
  readonly bufferFill: number;
  /** Age of the oldest buffered record now, ms (as DeliveryToS3.DataFreshness; 0 when the buffers are empty). */
  readonly dataFreshnessMs: number;
  /** Failed batches waiting on disk for a retry (as SpooledBytes). */
  readonly spooledBytes: number;
  /** Since start-up, from the journal. */
  readonly totals: JournalTotals;
}

export interface DeliveryStreamView extends DeliveryStreamSummary {
  readonly nowMs: number;
  readonly sinceMs: number;
  readonly series: {
    readonly incomingRecords: SeriesPoints;
    readonly incomingBytes: SeriesPoints;
    readonly deliveredRecords: SeriesPoints;
    readonly deliveredBytes: SeriesPoints;
  };
  /** Sums of the series since `sinceMs`. */
  readonly window: { readonly incomingRecords: number; readonly incomingBytes: number; readonly deliveredRecords: number; readonly deliveredBytes: number };
  /** Newest first. */
  readonly delivered: readonly DeliveredEntry[];
  /** Newest first. */
  readonly failures: readonly FailureEntry[];
}

const EMPTY: SeriesPoints = { t: [], v: [] };
const DEFAULT_WINDOW_MS = 15 * 60_000;
const MIB = 1024 * 1024;

export function listDeliveryStreamViews(deps: ConsoleDeps): DeliveryStreamSummary[] {
  const port = deps.deliveryStreams;
  return port ? port.list().map((s) => summary(deps, port, s)) : [];
}

/** One stream with its series since `sinceMs` (default: the last 15 minutes); undefined when unknown. */
export function deliveryStreamView(deps: ConsoleDeps, name: string, sinceMs?: number): DeliveryStreamView | undefined {
  const port = deps.deliveryStreams;
  const stream = port?.list().find((s) => s.name === name);
  if (port === undefined || stream === undefined) return undefined;
  const nowMs = deps.now();
  const since = sinceMs ?? nowMs - DEFAULT_WINDOW_MS;
  const series = (metric: string): SeriesPoints =>
    deps.metrics ? deps.metrics.series({ metric: `firehose:${metric}`, labels: { DeliveryStreamName: name }, sinceMs: since }) : EMPTY;
  const s = {
    incomingRecords: series('IncomingRecords'),
    incomingBytes: series('IncomingBytes'),
    deliveredRecords: series('DeliveryToS3.Records'),
    deliveredBytes: series('DeliveryToS3.Bytes'),
  };
  const sum = (p: SeriesPoints): number => p.v.reduce((a, b) => a + b, 0);
  const journal = port.journal(name);
  return {
    ...summary(deps, port, stream),
    nowMs,
    sinceMs: since,
    series: s,
    window: { incomingRecords: sum(s.incomingRecords), incomingBytes: sum(s.incomingBytes), deliveredRecords: sum(s.deliveredRecords), deliveredBytes: sum(s.deliveredBytes) },
    delivered: journal.delivered,
    failures: journal.failures,
  };
}

function summary(deps: ConsoleDeps, port: DeliveryPort, stream: StoredDeliveryStream): DeliveryStreamSummary {
  const hints = stream.destination.bufferingHints;
  const { levels, totals } = port.journal(stream.name);
  return {
    name: stream.name,
    arn: stream.arn,
    status: port.statusOf(stream),
    createdAt: stream.createdAt,
    versionId: stream.versionId,
    source: sourceView(stream),
    destination: destinationView(stream, deps.deliveryStreams?.objectStoreEndpoint),
    bufferingHints: { sizeInMBs: hints.sizeInMBs, intervalInSeconds: hints.intervalInSeconds },
    metricsEnabled: deps.metrics !== undefined,
    bufferedBytes: levels.bufferedBytes,
    bufferLimitBytes: hints.sizeInMBs * MIB,
    bufferFill: levels.bufferedBytes / (hints.sizeInMBs * MIB),
    dataFreshnessMs: levels.oldestBufferedMs === null ? 0 : Math.max(0, deps.now() - levels.oldestBufferedMs),
    spooledBytes: levels.spooledBytes,
    totals,
  };
}

function sourceView(stream: StoredDeliveryStream): DeliverySourceView {
  if (stream.type === 'DirectPut' || stream.source === undefined) return { kind: 'DirectPut', streamName: null, streamArn: null };
  const arn = stream.source.kinesisStreamArn;
  return { kind: 'KinesisStreamAsSource', streamName: arn.slice(arn.lastIndexOf('/') + 1), streamArn: arn };
}

function destinationView(stream: StoredDeliveryStream, objectStoreEndpoint: string | undefined): DeliveryDestinationView {
  const { settings, format } = stream.destination;
  const common = { compression: format.compression, format: format.formatConversion ? 'Parquet' : 'raw' };
  return { ...common, ...placeOf(settings, objectStoreEndpoint) };
}

function placeOf(settings: DestinationSettings, objectStoreEndpoint: string | undefined): Pick<DeliveryDestinationView, 'kind' | 'target' | 'prefix' | 'table'> {
  switch (settings.kind) {
    case 's3':
      return { kind: (settings.endpoint ?? objectStoreEndpoint ?? '') === '' ? 'file' : 's3', target: `${settings.bucket}/${settings.prefix}`, prefix: settings.prefix, table: null };
    case 'http-endpoint':
      return { kind: settings.kind, target: withoutCredentials(settings.url), prefix: null, table: null };
    case 'postgres':
      return { kind: settings.kind, target: `${settings.table} in ${withoutCredentials(settings.connectionString)}`, prefix: null, table: settings.table };
    case 'duckdb':
      return { kind: settings.kind, target: `${settings.table} in ${settings.path}`, prefix: null, table: settings.table };
    default: {
      const other = settings as { kind: string; table?: unknown };
      return { kind: other.kind, target: other.kind, prefix: null, table: typeof other.table === 'string' ? other.table : null };
    }
  }
}

/** A URL without user, password and query (which may hold keys); unparseable ⇒ a placeholder. */
function withoutCredentials(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}
