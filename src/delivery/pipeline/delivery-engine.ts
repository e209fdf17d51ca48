// DeliveryEngine: runs every active delivery stream's pipeline (source → processing → buffers →
// formatter → sink), with on-disk spooling of failed deliveries under <dataDir>/delivery-spool/<name>-<id>/.
// The firehose subsystem constructs one and calls start/stop as streams are created and updated
// (stop + start with the new definition and a fresh source), and discard when one is deleted.

import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Clock } from '../../engine/clock.js';
import type { FunctionInvoker } from '../../functions/function-invoker.js';
import { timerSleeper, type Sleeper } from '../../mappings/engine/sleeper.js';
import type { MetricsHub } from '../../metrics/metrics-hub.js';
import type { DeliveryStreamDefinition, DestinationSettings, S3DestinationSettings } from '../delivery-stream-definition.js';
import type { Sink, SinkBatch } from '../sink.js';
import type { DeliveryJournal } from './delivery-journal.js';
import type { DeliverySource } from './delivery-source.js';
import { DeliverySpool, type SinkRole } from './delivery-spool.js';
import { DeliveryWorker } from './delivery-worker.js';
import { FailureBackup } from './failure-backup.js';
import type { Formatter, FormatterFactory } from './formatter-port.js';
import { RecordRouter } from './record-router.js';
import { SourceRecordBackup } from './source-record-backup.js';
import { StreamMeters } from './stream-meters.js';
import { StreamRunner } from './stream-runner.js';

export interface DeliveryEngineTuning {
  /** Buffered + queued bytes per stream before early flushes and intake back-pressure (default 256 MiB). */
  readonly maxBufferedBytes?: number;
  /** Failed attempts before a batch is spooled to disk (default 3). */
  readonly spoolAfterAttempts?: number;
  readonly initialBackoffMs?: number;
  /** Default 120 s, Firehose's cap. */
  readonly maxBackoffMs?: number;
  /** ±fraction spread of each retry wait (default 0.15, as Firehose). */
  readonly backoffJitter?: number;
  /** Active partitions per stream (default 500). */
  readonly maxPartitions?: number;
}

export interface DeliveryEngineOptions {
  readonly invoker: FunctionInvoker;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics?: MetricsHub;
  readonly dataDir: string;
  /** Builds the sink for a destination of `stream` (also called with backup S3 settings for error output). */
  readonly sinkFactory: (destination: DestinationSettings, stream: DeliveryStreamDefinition) => Sink;
  readonly formatter: FormatterFactory;
  readonly region?: string;
  /** Defaults to real (unref'd) timers; tests pass a ManualSleeper. */
  readonly sleeper?: Sleeper;
  readonly tuning?: DeliveryEngineTuning;
  /** Keeps the last deliveries and failures of each stream for the console. */
  readonly journal?: DeliveryJournal;
}

interface Running {
  readonly abort: AbortController;
  readonly source: DeliverySource;
  readonly sinks: Sink[];
  readonly formatters: Formatter[];
  readonly done: Promise<unknown>;
}

/** One spool directory per incarnation of a delivery stream. */
function spoolDir(dataDir: string, stream: Pick<DeliveryStreamDefinition, 'name' | 'id'>): string {
  return join(dataDir, 'delivery-spool', `${stream.name}-${stream.id}`);
}

/** Error output for destinations without an S3 backup configuration. */
const FALLBACK_ERROR_BUCKET = (name: string): S3DestinationSettings => ({ kind: 's3', bucket: 'firehose-errors', prefix: `${name}/` });

export class DeliveryEngine {
  private readonly running = new Map<string, Running>();

  constructor(private readonly o: DeliveryEngineOptions) {}

  /** Starts delivering `stream` from `source` (stops a running pipeline of that name first). */
  async start(stream: DeliveryStreamDefinition, source: DeliverySource): Promise<void> {
    await this.stop(stream.name);
    const t = this.o.tuning ?? {};
    const sleeper = this.o.sleeper ?? timerSleeper;
    const logger = this.o.logger.child({ deliveryStream: stream.name });
    const settings = stream.destination.settings;
    // Error output and backups take the compression of the bucket they land in (the destination's
    // own for S3, the S3Configuration's otherwise).
    const errorCompression = settings.kind === 's3' ? stream.destination.format.compression : settings.backup?.compression ?? 'UNCOMPRESSED';
    const formatter = this.o.formatter(stream.destination.format);
    const errorFormatter = errorCompression === 'UNCOMPRESSED' ? undefined : this.o.formatter({ appendNewline: false, compression: errorCompression });
    const formatters = errorFormatter === undefined ? [formatter] : [formatter, errorFormatter];
    let backup: FailureBackup | undefined;
    if (settings.kind === 'http-endpoint') {
      const copies = errorFormatter && this.o.formatter({ appendNewline: stream.destination.format.appendNewline, compression: errorCompression });
      if (copies !== undefined) formatters.push(copies);
      const compression = errorFormatter !== undefined && copies !== undefined ? { errors: errorFormatter, copies } : undefined;
      backup = new FailureBackup(stream, settings.backup, settings.retryDurationInSeconds * 1000, settings.s3BackupMode === 'AllData', compression);
    }
    const spool = new DeliverySpool(spoolDir(this.o.dataDir, stream));
    await spool.open();
    const backupSettings = stream.destination.sourceRecordBackup;
    // The source-record backup has its own worker (an outage never delays the destination) and spool.
    const backupSpool = backupSettings !== undefined ? new DeliverySpool(join(spool.dir, 'source-backup')) : undefined;
    await backupSpool?.open();
    const spooledBytes = (): number => spool.bytes + (backupSpool?.bytes ?? 0);
    const meters = new StreamMeters(this.o.metrics, stream.name, this.o.clock, this.o.journal);
    const main = meters.watch(this.o.sinkFactory(settings, stream), 'main');
    const error = settings.kind === 's3' ? main : meters.watch(this.o.sinkFactory(settings.backup ?? FALLBACK_ERROR_BUCKET(stream.name), stream), 'error');
    const sinks = main === error ? [main] : [main, error];
    meters.spooled(spooledBytes());
    const workerBase = {
      clock: this.o.clock, sleeper, logger,
      spoolAfterAttempts: t.spoolAfterAttempts ?? 3, initialBackoffMs: t.initialBackoffMs ?? 1000, maxBackoffMs: t.maxBackoffMs ?? 120_000, backoffJitter: t.backoffJitter ?? 0.15,
      onDelivered: (role: SinkRole, batch: SinkBatch) => { meters.delivered(role, batch); meters.spooled(spooledBytes()); },
    };
    const worker = new DeliveryWorker({ ...workerBase, sinks: { main, error }, spool, ...(backup !== undefined ? { backup } : {}) });
    let sourceBackup: SourceRecordBackup | undefined;
    if (backupSettings !== undefined && backupSpool !== undefined) {
      const sink = meters.watch(this.o.sinkFactory(backupSettings.destination, stream), 'backup');
      const backupFormatter = this.o.formatter({ appendNewline: false, compression: backupSettings.destination.compression ?? 'UNCOMPRESSED' });
      sinks.push(sink);
      formatters.push(backupFormatter);
      const backupWorker = new DeliveryWorker({ ...workerBase, sinks: { backup: sink }, spool: backupSpool });
      sourceBackup = new SourceRecordBackup(stream, backupSettings, backupFormatter, backupWorker, settings.kind === 's3' ? settings.customTimeZone : undefined);
    }
    const router = new RecordRouter({ definition: stream, invoker: this.o.invoker, region: this.o.region ?? 'us-east-1', now: () => this.o.clock.now() });
    const runner = new StreamRunner({
      definition: stream, source, router, formatter, worker, ...(errorFormatter !== undefined ? { errorFormatter } : {}),
      clock: this.o.clock, sleeper, logger, meters,
      maxBufferedBytes: Math.max(t.maxBufferedBytes ?? 256 * 1024 * 1024, 2 * (stream.destination.bufferingHints.sizeInMBs + (backupSettings?.bufferingHints.sizeInMBs ?? 0)) * 1024 * 1024),
      maxPartitions: t.maxPartitions ?? 500,
      ...(backup !== undefined ? { backup } : {}),
      ...(sourceBackup !== undefined ? { sourceBackup } : {}),
    });
    const abort = new AbortController();
    const guard = (what: string, p: Promise<void>): Promise<void> => p.catch((err: unknown) => logger.error({ err }, `${what} stopped on an error`));
    const done = Promise.all([
      guard('intake', runner.intake(abort.signal)),
      guard('timers', runner.timers(abort.signal)),
      guard('delivery', worker.run(abort.signal)),
      guard('spool', worker.runSpool(abort.signal).then(() => meters.spooled(spooledBytes()))),
      ...(sourceBackup !== undefined ? [
        guard('backup delivery', sourceBackup.worker.run(abort.signal)),
        guard('backup spool', sourceBackup.worker.runSpool(abort.signal).then(() => meters.spooled(spooledBytes()))),
      ] : []),
    ]);
    this.running.set(stream.name, { abort, source, sinks, formatters, done });
  }

  /** Names of the running pipelines. */
  get names(): string[] {
    return [...this.running.keys()];
  }

  /**
   * Stops a pipeline: closes its source, abandons buffered and undelivered data (it was not
   * acknowledged, so the source yields it again on the next start) and closes its sinks.
   */
  async stop(name: string): Promise<void> {
    const r = this.running.get(name);
    if (r === undefined) return;
    this.running.delete(name);
    r.abort.abort();
    await r.source.close();
    await r.done;
    for (const sink of r.sinks) await sink.close().catch(() => {});
    for (const formatter of r.formatters) await formatter.close?.().catch(() => {});
  }

  /**
   * The delivery stream was deleted: stops its pipeline and deletes its spool (undelivered data of a
   * deleted stream is abandoned, as Firehose does with buffered data).
   */
  async discard(stream: Pick<DeliveryStreamDefinition, 'name' | 'id'>): Promise<void> {
    await this.stop(stream.name);
    await new DeliverySpool(spoolDir(this.o.dataDir, stream)).destroy();
  }

  async close(): Promise<void> {
    for (const name of [...this.running.keys()]) await this.stop(name);
  }
}
