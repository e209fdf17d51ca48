// The last deliveries and failures of every delivery stream, and its buffer and spool levels, for
// the console: a small ring per stream fed by StreamMeters (one call per batch, never per record). In memory only; it starts
// empty after a restart. Bounded: `capacity` entries per ring, `maxStreams` streams, and at most
// `maxPending` failing batches per stream whose attempts are counted.

import type { SinkBatch } from '../sink.js';
import type { SinkRole } from './delivery-spool.js';

export interface DeliveredEntry {
  /** 'main' for the destination, 'error' for the error output / failure backup, 'backup' for the source-record backup. */
  readonly role: SinkRole;
  /** Object key (object sinks) or batch key (row sinks, HTTP endpoint). */
  readonly key: string;
  readonly records: number;
  /** Bytes of the encoded object (compressed/converted as delivered). */
  readonly bytes: number;
  readonly atMs: number;
  /** Attempts it took, this one included (1 = first try). */
  readonly attempts: number;
}

export interface FailureEntry {
  readonly role: SinkRole;
  readonly key: string;
  readonly records: number;
  readonly bytes: number;
  /** The error's code (e.g. `HttpEndpoint.ConnectionFailed`, `ENOENT`) or class name. */
  readonly errorType: string;
  readonly message: string;
  readonly atMs: number;
  /** Failed attempts of this batch so far, this one included. */
  readonly attempts: number;
}

/** Since the server started (or the stream was first seen): batches, not records, are counted per call. */
export interface JournalTotals {
  readonly deliveries: number;
  readonly deliveredRecords: number;
  readonly deliveredBytes: number;
  readonly failedAttempts: number;
}

/** The stream's levels as last reported (buffers change on every intake batch and flush). */
export interface JournalLevels {
  readonly bufferedBytes: number;
  /** Arrival time of the oldest record in the buffers (epoch ms), null when they are empty. */
  readonly oldestBufferedMs: number | null;
  readonly spooledBytes: number;
}

export interface JournalSnapshot {
  readonly levels: JournalLevels;
  /** Newest first. */
  readonly delivered: readonly DeliveredEntry[];
  /** Newest first. */
  readonly failures: readonly FailureEntry[];
  readonly totals: JournalTotals;
}

export interface DeliveryJournalOptions {
  readonly now: () => number;
  /** Entries kept per ring (default 30). */
  readonly capacity?: number;
  /** Streams tracked; the least recently written is forgotten beyond it (default 1,000). */
  readonly maxStreams?: number;
  /** Failing batches whose attempts are counted per stream (default 256). */
  readonly maxPending?: number;
}

class Ring<T> {
  private readonly items: T[] = [];
  constructor(private readonly capacity: number) {}
  push(item: T): void {
    this.items.push(item);
    if (this.items.length > this.capacity) this.items.shift();
  }
  newestFirst(): T[] {
    return [...this.items].reverse();
  }
}

interface StreamJournal {
  readonly delivered: Ring<DeliveredEntry>;
  readonly failures: Ring<FailureEntry>;
  /** Failed attempts of batches not yet delivered, by key (insertion order = oldest first). */
  readonly pending: Map<string, number>;
  totals: { deliveries: number; deliveredRecords: number; deliveredBytes: number; failedAttempts: number };
  levels: JournalLevels;
}

const EMPTY_TOTALS: JournalTotals = { deliveries: 0, deliveredRecords: 0, deliveredBytes: 0, failedAttempts: 0 };
const EMPTY_LEVELS: JournalLevels = { bufferedBytes: 0, oldestBufferedMs: null, spooledBytes: 0 };

export class DeliveryJournal {
  private readonly streams = new Map<string, StreamJournal>();
  private readonly capacity: number;
  private readonly maxStreams: number;
  private readonly maxPending: number;

  constructor(private readonly o: DeliveryJournalOptions) {
    this.capacity = Math.max(1, o.capacity ?? 30);
    this.maxStreams = Math.max(1, o.maxStreams ?? 1000);
    this.maxPending = Math.max(1, o.maxPending ?? 256);
  }

  /** A batch landed on its sink (first try, retry or from the spool). */
  delivered(stream: string, role: SinkRole, batch: SinkBatch): void {
    const j = this.journal(stream);
    const failed = j.pending.get(batch.objectKey) ?? 0;
    j.pending.delete(batch.objectKey);
    j.delivered.push({ role, key: batch.objectKey, records: batch.records.length, bytes: batch.body.length, atMs: this.o.now(), attempts: failed + 1 });
    j.totals.deliveries++;
    j.totals.deliveredRecords += batch.records.length;
    j.totals.deliveredBytes += batch.body.length;
  }

  /** One delivery attempt of a batch failed (it will be retried or spooled, never dropped). */
  failed(stream: string, role: SinkRole, batch: SinkBatch, err: unknown): void {
    const j = this.journal(stream);
    const attempts = (j.pending.get(batch.objectKey) ?? 0) + 1;
    j.pending.delete(batch.objectKey);
    j.pending.set(batch.objectKey, attempts);
    if (j.pending.size > this.maxPending) j.pending.delete(j.pending.keys().next().value!);
    const { errorType, message } = describeError(err);
    j.failures.push({ role, key: batch.objectKey, records: batch.records.length, bytes: batch.body.length, errorType, message, atMs: this.o.now(), attempts });
    j.totals.failedAttempts++;
  }

  /** Bytes in the stream's buffers and the oldest buffered arrival (Infinity when none). */
  buffered(stream: string, bytes: number, oldestArrival: number): void {
    const j = this.journal(stream);
    j.levels = { ...j.levels, bufferedBytes: bytes, oldestBufferedMs: Number.isFinite(oldestArrival) ? oldestArrival : null };
  }

  /** Bytes of failed batches spooled on disk. */
  spooled(stream: string, bytes: number): void {
    const j = this.journal(stream);
    j.levels = { ...j.levels, spooledBytes: bytes };
  }

  /** What is known of `stream` (empty when nothing was delivered or failed yet). */
  snapshot(stream: string): JournalSnapshot {
    const j = this.streams.get(stream);
    if (j === undefined) return { levels: EMPTY_LEVELS, delivered: [], failures: [], totals: EMPTY_TOTALS };
    return { levels: j.levels, delivered: j.delivered.newestFirst(), failures: j.failures.newestFirst(), totals: { ...j.totals } };
  }

  /** Drops a stream's entries (it was deleted). */
  forget(stream: string): void {
    this.streams.delete(stream);
  }

  private journal(stream: string): StreamJournal {
    let j = this.streams.get(stream);
    if (j !== undefined) {
      this.streams.delete(stream);
      this.streams.set(stream, j);
      return j;
    }
    j = { delivered: new Ring(this.capacity), failures: new Ring(this.capacity), pending: new Map(), totals: { ...EMPTY_TOTALS }, levels: EMPTY_LEVELS };
    this.streams.set(stream, j);
    if (this.streams.size > this.maxStreams) this.streams.delete(this.streams.keys().next().value!);
    return j;
  }
}

const MAX_MESSAGE = 500;

function describeError(err: unknown): { errorType: string; message: string } {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const errorType = typeof code === 'string' && code !== '' ? code : err.name;
    return { errorType, message: err.message.slice(0, MAX_MESSAGE) };
  }
  return { errorType: 'Error', message: String(err).slice(0, MAX_MESSAGE) };
}
