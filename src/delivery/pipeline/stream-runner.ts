// Runs one delivery stream: pulls source batches, routes records into per-partition buffers,
// flushes them by size or interval (whichever first), hands finished objects to the worker and
// acknowledges source batches once all their records are settled — with a source-record backup, on
// the destination path and in the backup (each source record counts once more). Memory is bounded by
// `maxBufferedBytes` (reached ⇒ early flush, then the intake waits for deliveries).

import type { Logger } from 'pino';
import type { Clock } from '../../engine/clock.js';
import type { Sleeper } from '../../mappings/engine/sleeper.js';
import { Wakeup } from '../../mappings/engine/wakeup.js';
import type { DeliveryStreamDefinition, ObjectDestinationSettings } from '../delivery-stream-definition.js';
import { FormatConversionError } from '../format/format-conversion-error.js';
import type { DeliveryRecord, SinkBatch } from '../sink.js';
import { AckTracker, type AckTicket } from './ack-tracker.js';
import type { DeliverySource, SourceRecord } from './delivery-source.js';
import type { DeliveryWorker } from './delivery-worker.js';
import type { EncodedObject, Formatter } from './formatter-port.js';
import type { FailureBackup } from './failure-backup.js';
import { ObjectNamer } from './object-namer.js';
import { BufferSet, PartitionBuffer, type BufferedRecord } from './partition-buffer.js';
import {
  bindPartitionKeys, errorPrefixParts, evaluatePrefix, partsKey, successPrefixParts, type PrefixPart,
} from './prefix-template.js';
import { errorRoute, type RecordRouter, type Route } from './record-router.js';
import { retryBackoffMs } from '../../engine/retry-backoff.js';
import { SOURCE_BACKUP_BUFFER, SourceRecordBackup } from './source-record-backup.js';
import type { StreamMeters } from './stream-meters.js';

/** Waits between encodes of a buffer whose encoding failed retryably (the conversion worker died). */
const ENCODE_BACKOFF = { initialMs: 1000, maxMs: 120_000, jitter: 0.15 } as const;

function isRetryable(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { retryable?: unknown }).retryable === true;
}

/** Longest evaluated S3 prefix (FIREHOSE.md §5); a partition whose prefix is longer is a partitioning failure. */
const MAX_PREFIX_LENGTH = 512;

export interface StreamRunnerOptions {
  readonly definition: DeliveryStreamDefinition;
  readonly source: DeliverySource;
  readonly router: RecordRouter;
  readonly formatter: Formatter;
  /** Encodes error-output objects (the error bucket's CompressionFormat); plain concatenation when absent. */
  readonly errorFormatter?: Formatter;
  readonly worker: DeliveryWorker;
  readonly clock: Clock;
  readonly sleeper: Sleeper;
  readonly logger: Logger;
  readonly meters: StreamMeters;
  readonly maxBufferedBytes: number;
  readonly maxPartitions: number;
  /** S3 backup of a non-S3 destination (AllData copies). */
  readonly backup?: FailureBackup;
  /** Source-record backup of an ExtendedS3 destination (S3BackupMode Enabled). */
  readonly sourceBackup?: SourceRecordBackup;
}

export class StreamRunner {
  private readonly buffers: BufferSet;
  private readonly acks: AckTracker;
  private readonly timerWake = new Wakeup();
  private sleepCtl: AbortController | undefined;
  private readonly successParts: PrefixPart[];
  private readonly errorParts: PrefixPart[];
  private readonly objectSettings: Partial<ObjectDestinationSettings>;
  private readonly namer: ObjectNamer;
  /** Buffers being encoded (taken from the buffers, not yet queued at the worker). */
  private readonly encoding = new Set<Promise<void>>();
  private encodingBytes = 0;
  /** Aborts when the pipeline stops (set by intake). */
  private stopped: AbortSignal = new AbortController().signal;

  constructor(private readonly o: StreamRunnerOptions) {
    this.buffers = new BufferSet(o.maxPartitions);
    this.acks = new AckTracker((err) => o.logger.error({ err }, 'source ack failed'));
    const d = o.definition.destination;
    const s = d.settings;
    this.objectSettings = s.kind === 's3' ? s : (s.backup ?? {});
    this.successParts = s.kind === 's3' ? successPrefixParts(s.prefix, d.dynamicPartitioning?.enabled === true) : [];
    this.errorParts = errorPrefixParts(this.objectSettings.prefix ?? '', this.objectSettings.errorOutputPrefix);
    this.namer = new ObjectNamer(o.definition, this.objectSettings.customTimeZone);
  }

  /** Size hint of a buffer in bytes: the backup's own, or the destination's. */
  private sizeLimit(b: PartitionBuffer): number {
    const hints = b.role === 'backup' ? this.o.sourceBackup!.hints : this.o.definition.destination.bufferingHints;
    return hints.sizeInMBs * 1024 * 1024;
  }

  /** Pulls batches until the source ends or `signal` aborts. */
  async intake(signal: AbortSignal): Promise<void> {
    this.stopped = signal;
    for await (const batch of this.o.source) {
      if (signal.aborted) return;
      this.o.meters.incoming(batch.records);
      const routed = await this.o.router.route(batch.records);
      const backup = this.o.sourceBackup;
      const ticket = this.acks.track(batch, routed.length + (backup !== undefined ? batch.records.length : 0));
      if (backup !== undefined) for (const source of batch.records) this.placeBackup(backup, source, ticket);
      for (const { route, source } of routed) this.place(route, source, ticket);
      this.acks.drain();
      this.flushDue();
      while (!signal.aborted && this.buffers.bytes + this.encodingBytes + this.o.worker.queuedBytes + (backup?.worker.queuedBytes ?? 0) > this.o.maxBufferedBytes) {
        for (const b of this.buffers.all()) this.flush(b);
        await Promise.all([...this.encoding]);
        await this.o.worker.drained(signal);
        await backup?.worker.drained(signal);
      }
    }
  }

  /** Flushes buffers whose interval elapsed, until `signal` aborts. */
  async timers(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const due = this.buffers.nextDeadline();
      if (due === Number.POSITIVE_INFINITY) {
        await this.timerWake.wait(signal);
        continue;
      }
      const ctl = new AbortController();
      this.sleepCtl = ctl;
      const onAbort = (): void => ctl.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      await this.o.sleeper.sleep(due - this.o.clock.now(), ctl.signal);
      signal.removeEventListener('abort', onAbort);
      this.flushDue();
    }
  }

  private rearm(): void {
    this.sleepCtl?.abort();
    this.timerWake.notify();
  }

  /** Buffers a source record, as received, for the source-record backup. */
  private placeBackup(backup: SourceRecordBackup, source: SourceRecord, ticket: AckTicket): void {
    const buffer = this.buffers.obtain(SOURCE_BACKUP_BUFFER, () => new PartitionBuffer(SOURCE_BACKUP_BUFFER, 'backup', backup.parts))!;
    this.add(buffer, { record: SourceRecordBackup.record(source), ticket }, backup.hints.intervalInSeconds * 1000);
  }

  /** Adds to a buffer, flushing it at its size hint and re-arming the timer when it was empty. */
  private add(buffer: PartitionBuffer, entry: BufferedRecord, intervalMs: number): void {
    const wasEmpty = buffer.records.length === 0;
    buffer.add(entry, this.o.clock.now(), intervalMs);
    if (buffer.bytes >= this.sizeLimit(buffer)) this.flush(buffer);
    else if (wasEmpty) this.rearm();
  }

  private place(route: Route, source: SourceRecord, ticket: AckTicket): void {
    if (route.kind === 'dropped') {
      this.acks.settle(ticket);
      return;
    }
    const now = this.o.clock.now();
    let buffer: PartitionBuffer | undefined;
    if (route.kind === 'main') {
      let parts: PrefixPart[];
      try {
        parts = bindPartitionKeys(this.successParts, route.queryKeys, route.lambdaKeys);
      } catch (err) {
        this.place(errorRoute(source, 'partitioning-failed', 'DynamicPartitioning.PartitionKeyMissing', (err as Error).message, 1, now), source, ticket);
        return;
      }
      const key = `main:${partsKey(parts)}`;
      if (!this.buffers.has(key)) {
        const length = evaluatePrefix(parts, { epochMs: route.record.approximateArrivalTimestamp, randomString: () => 'x'.repeat(11) }).length;
        if (length > MAX_PREFIX_LENGTH) {
          this.place(errorRoute(source, 'partitioning-failed', 'DynamicPartitioning.PrefixTooLong', `The evaluated prefix has ${length} characters, more than ${MAX_PREFIX_LENGTH}`, 1, now), source, ticket);
          return;
        }
      }
      buffer = this.buffers.obtain(key, () => new PartitionBuffer(key, 'main', parts));
      if (buffer === undefined) {
        this.place(errorRoute(source, 'partitioning-failed', 'DynamicPartitioning.TooManyPartitions', `The number of active partitions exceeds the limit of ${this.o.maxPartitions}`, 1, now), source, ticket);
        return;
      }
    } else {
      const key = `error:${route.type}`;
      const type = route.type;
      buffer = this.buffers.obtain(key, () => new PartitionBuffer(key, 'error', this.errorParts, type))!;
    }
    this.add(buffer, { record: route.record, ticket }, this.o.definition.destination.bufferingHints.intervalInSeconds * 1000);
  }

  /** Flushes every buffer that reached its size hint or interval. */
  flushDue(): void {
    const now = this.o.clock.now();
    for (const b of this.buffers.all()) {
      if (b.records.length > 0 && (b.bytes >= this.sizeLimit(b) || now >= b.deadline)) this.flush(b);
    }
    this.o.meters.buffered(this.buffers.bytes, this.oldestBuffered());
  }

  private oldestBuffered(): number {
    let min = Number.POSITIVE_INFINITY;
    for (const b of this.buffers.all()) if (b.records.length > 0) min = Math.min(min, b.oldestArrival());
    return min;
  }

  private flush(b: PartitionBuffer): void {
    this.buffers.remove(b.key);
    if (b.records.length === 0) return;
    this.encodingBytes += b.bytes;
    const pending = this.encodeAndEnqueue(b)
      .catch((err: unknown) => this.o.logger.error({ err, buffer: b.key }, 'encoding a buffer failed; its records are redelivered after a restart'))
      .finally(() => {
        this.encodingBytes -= b.bytes;
        this.encoding.delete(pending);
      });
    this.encoding.add(pending);
  }

  /** Encodes a buffer (compression on the thread pool) and hands the object to the worker. */
  private async encodeAndEnqueue(b: PartitionBuffer): Promise<void> {
    if (b.role === 'backup') {
      const backup = this.o.sourceBackup!;
      const batch = await backup.batch(b.records.map((r) => r.record));
      backup.worker.enqueue({ role: 'backup', batch, settle: () => { for (const r of b.records) this.acks.settle(r.ticket); } });
      return;
    }
    let kept = b.records;
    let encoded: EncodedObject;
    if (b.role === 'main') {
      try {
        encoded = await this.encodeRetrying(this.o.formatter, b.records.map((r) => r.record));
      } catch (err) {
        if (isRetryable(err)) throw err;
        const partial = this.conversionFailed(b, err);
        if (partial === undefined) return;
        encoded = partial;
        kept = b.records.filter((r) => partial.converted.has(r.record));
      }
    } else if (this.o.errorFormatter !== undefined) encoded = await this.encodeRetrying(this.o.errorFormatter, b.records.map((r) => r.record));
    else encoded = { body: Buffer.concat(b.records.map((r) => r.record.data)), extension: '' };
    const records = kept.map((r) => r.record);
    const { body, extension, contentType, contentEncoding } = encoded;
    const batch: SinkBatch = {
      objectKey: this.namer.name({ parts: b.parts, bufferKey: b.key, records, extension, ...(b.errorOutputType !== undefined ? { errorOutputType: b.errorOutputType } : {}) }),
      body, records,
      ...(contentType !== undefined ? { contentType } : {}),
      ...(contentEncoding !== undefined ? { contentEncoding } : {}),
    };
    const tickets = kept.map((r) => r.ticket);
    const copy = b.role === 'main' && this.o.backup?.allData === true ? await this.o.backup.copy(batch) : undefined;
    let jobs = copy === undefined ? 1 : 2;
    const settle = (): void => {
      if (--jobs === 0) for (const t of tickets) this.acks.settle(t);
    };
    this.o.worker.enqueue({ role: b.role, batch, settle });
    if (copy !== undefined) this.o.worker.enqueue({ role: 'error', batch: copy, settle });
  }

  /**
   * encodeAsync, again after a backoff while it fails retryably (the conversion worker died), until
   * the pipeline stops; then the retryable error is thrown and the records are redelivered later.
   */
  private async encodeRetrying(formatter: Formatter, records: readonly DeliveryRecord[]): Promise<EncodedObject> {
    for (let failures = 1; ; failures += 1) {
      try {
        return await formatter.encodeAsync(records);
      } catch (err) {
        if (!isRetryable(err) || this.stopped.aborted) throw err;
        this.o.logger.warn({ err, failures }, 'encoding a buffer failed; encoding it again');
        await this.o.sleeper.sleep(retryBackoffMs(failures, ENCODE_BACKOFF), this.stopped);
      }
    }
  }

  /** Routes records that failed format conversion to the error output; returns the partial object, if any. */
  private conversionFailed(b: PartitionBuffer, err: unknown): (EncodedObject & { converted: Set<DeliveryRecord> }) | undefined {
    const now = this.o.clock.now();
    const partial = err instanceof FormatConversionError;
    const failures = new Map<unknown, { errorCode: string; errorMessage: string }>(partial
      ? err.failures.map((f) => [f.record, f])
      : b.records.map((r) => [r.record, { errorCode: 'DataFormatConversion.MalformedData', errorMessage: (err as Error).message }]));
    for (const r of b.records) {
      const f = failures.get(r.record);
      if (f === undefined) continue;
      const src: SourceRecord = { recordId: r.record.recordId, data: r.record.data, approximateArrivalTimestamp: r.record.approximateArrivalTimestamp };
      this.place(errorRoute(src, 'format-conversion-failed', f.errorCode, f.errorMessage, 1, now), src, r.ticket);
    }
    if (!partial || err.partial === undefined) return undefined;
    return { ...err.partial, converted: new Set(err.converted as readonly DeliveryRecord[]) };
  }
}
