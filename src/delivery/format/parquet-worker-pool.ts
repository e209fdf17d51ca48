// A small pool of worker threads that convert JSON records to Parquet off the event loop (a 64 MiB
// buffer takes seconds of CPU). Workers start on first use and idle without holding the process
// open; each runs at most one conversion at a time, and tasks wait for a free worker in the order
// their records finished copying (the callers bound how many: the delivery engine bounds buffered
// bytes). A worker that crashes or
// exits fails its task with a retryable ParquetWorkerError and is replaced on the next task.
import { Worker } from 'node:worker_threads';
import type { ResourceLimits } from 'node:worker_threads';
import type { FormatConversionSettings } from '../delivery-stream-definition.js';
import { ParquetWorkerError } from './parquet-worker-error.js';
import type { ConvertReply, ConvertRequest, IndexedConversion } from './parquet-worker-protocol.js';

const WORKER_FILE = new URL('./parquet-worker-main.js', import.meta.url);
/** Records copied per event-loop turn while concatenating (≈ 5 ms of copying). */
const COPY_SLICE = 32_768;

export interface ParquetWorkerPoolOptions {
  /** Worker threads (default 1). */
  readonly size?: number;
  /** Heap limits per worker (default: Node's). */
  readonly resourceLimits?: ResourceLimits;
}

interface Task {
  readonly request: ConvertRequest;
  readonly resolve: (result: IndexedConversion) => void;
  readonly reject: (err: Error) => void;
}

interface Slot {
  worker: Worker | undefined;
  task: Task | undefined;
  /** The 'error' event's error, reported when the thread exits. */
  crash: Error | undefined;
}

export class ParquetWorkerPool {
  private readonly slots: Slot[];
  private readonly waiting: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ParquetWorkerPoolOptions = {}) {
    const size = options.size ?? 1;
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`ParquetWorkerPool size must be a positive integer, got ${size}`);
    this.slots = Array.from({ length: size }, () => ({ worker: undefined, task: undefined, crash: undefined }));
  }

  /** Worker threads currently running. */
  get threads(): number {
    return this.slots.filter((s) => s.worker !== undefined).length;
  }

  /**
   * Converts `records` (each one JSON object) with ParquetConverter in a worker. Rejects with a
   * ParquetWorkerError (retryable) when the worker dies or the pool closes before it answers, and
   * with a plain Error when the converter itself throws (as the synchronous path would).
   */
  async convert(settings: FormatConversionSettings, records: readonly { readonly data: Buffer }[]): Promise<IndexedConversion> {
    if (this.closed) throw new ParquetWorkerError('The Parquet conversion pool is closed.');
    const { data, offsets } = await concatenate(records);
    if (this.closed) throw new ParquetWorkerError('The Parquet conversion pool is closed.');
    return new Promise((resolve, reject) => {
      this.waiting.push({ request: { id: this.nextId++, settings, data, offsets }, resolve, reject });
      this.dispatch();
    });
  }

  /** Fails waiting and running tasks (ParquetWorkerError) and ends every worker; idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0)) task.reject(new ParquetWorkerError('The Parquet conversion pool is closed.'));
    await Promise.all(this.slots.map(async (slot) => {
      const worker = slot.worker;
      if (worker === undefined) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      await worker.terminate();
      await exited;
    }));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.waiting.length === 0) return;
      if (slot.task !== undefined) continue;
      const task = this.waiting.shift()!;
      slot.task = task;
      try {
        const worker = (slot.worker ??= this.start(slot));
        worker.ref();
        worker.postMessage(task.request, [task.request.data.buffer as ArrayBuffer, task.request.offsets.buffer as ArrayBuffer]);
      } catch (err) {
        slot.task = undefined;
        task.reject(new ParquetWorkerError(`The Parquet conversion worker could not take the task: ${(err as Error).message}`));
      }
    }
  }

  private start(slot: Slot): Worker {
    const worker = new Worker(WORKER_FILE, {
      execArgv: [],
      ...(this.options.resourceLimits !== undefined ? { resourceLimits: this.options.resourceLimits } : {}),
    });
    worker.on('message', (reply: ConvertReply) => this.settle(slot, reply));
    worker.on('error', (err: Error) => {
      slot.crash = err;
    });
    worker.on('exit', (code) => {
      if (slot.worker === worker) slot.worker = undefined;
      const task = slot.task;
      slot.task = undefined;
      const crash = slot.crash;
      slot.crash = undefined;
      task?.reject(new ParquetWorkerError(this.closed
        ? 'The Parquet conversion pool closed during the conversion.'
        : `The Parquet conversion worker stopped (exit code ${code})${crash !== undefined ? `: ${crash.message}` : ''}.`));
      if (!this.closed) this.dispatch();
    });
    return worker;
  }

  private settle(slot: Slot, reply: ConvertReply): void {
    const task = slot.task;
    if (task === undefined || task.request.id !== reply.id) return;
    slot.task = undefined;
    slot.worker?.unref();
    if (reply.ok) task.resolve({ body: reply.body, converted: reply.converted, failures: reply.failures });
    else task.reject(new Error(reply.message));
    this.dispatch();
  }
}

/**
 * Every record's bytes back to back in one buffer with its own ArrayBuffer (allocUnsafeSlow never
 * uses Node's shared pool), so it can be transferred; copied a slice per turn so that a 64 MiB
 * buffer of small records does not hold the event loop for the whole copy.
 */
async function concatenate(records: readonly { readonly data: Buffer }[]): Promise<{ data: Buffer; offsets: Uint32Array }> {
  const offsets = new Uint32Array(records.length + 1);
  let length = 0;
  for (let i = 0; i < records.length; i += 1) {
    length += records[i]!.data.length;
    offsets[i + 1] = length;
  }
  const data = Buffer.allocUnsafeSlow(length);
  for (let i = 0; i < records.length; i += 1) {
    if (i > 0 && i % COPY_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    records[i]!.data.copy(data, offsets[i]!);
  }
  return { data, offsets };
}
