// One warm instance of a function: a worker thread that loaded the handler module once. Runs one
// invocation at a time, enforces the timeout by terminating the thread, and turns a crash, an
// exit or running out of heap into the sandbox error Lambda reports for it.

import { Worker } from 'node:worker_threads';
import { RecentLines } from './recent-lines.js';
import { exitPayload, outOfMemoryPayload, timeoutPayload } from './runtime-error-payloads.js';
import type { ErrorPayload, FromWorkerMessage, InvokeMessage, LogLine, WorkerSetup } from './worker-protocol.js';

const WORKER_FILE = new URL('./worker-main.js', import.meta.url);

export type InitResult =
  | { readonly ok: true; readonly initDurationMs: number }
  | { readonly ok: false; readonly error: (requestId: string) => ErrorPayload; readonly logs: readonly LogLine[] };

export interface WorkerOutcome {
  /** The result as JSON bytes, when the invocation succeeded. */
  readonly body?: Buffer;
  /** The function error, when it failed. */
  readonly error?: ErrorPayload;
  readonly durationMs: number;
  /** Heap in use at the end, in MB, when the invocation asked for a report. */
  readonly heapUsedMb?: number;
  /** The newest lines the function wrote during this invocation (enough for the log tail). */
  readonly logs: readonly LogLine[];
}

export interface FunctionWorkerOptions {
  readonly setup: WorkerSetup;
  /** process.env inside the worker. */
  readonly env: Readonly<Record<string, string>>;
  /** Heap limit (Lambda's MemorySize). */
  readonly memoryMb: number;
  /** Limit for loading the module. */
  readonly initTimeoutMs: number;
  /** Receives every captured line, as it arrives (for the server log). */
  readonly onLogs: (lines: readonly LogLine[]) => void;
  /** Called once when the thread has gone (exit, crash, terminate). */
  readonly onGone: (worker: FunctionWorker) => void;
}

interface Pending {
  readonly requestId: string;
  readonly started: number;
  readonly logs: RecentLines;
  readonly timer: NodeJS.Timeout;
  readonly resolve: (outcome: WorkerOutcome) => void;
}

export class FunctionWorker {
  /** Settles once the module is loaded (or failed to load). */
  readonly ready: Promise<InitResult>;
  private readonly thread: Worker;
  private resolveReady!: (result: InitResult) => void;
  /** Lines written while loading (they belong to the invocation that started this instance). */
  private initLogs = new RecentLines();
  private initialized = false;
  private pending: Pending | undefined;
  private gone = false;
  private stopping = false;
  private outOfMemory = false;

  constructor(private readonly options: FunctionWorkerOptions) {
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    this.thread = new Worker(WORKER_FILE, {
      workerData: options.setup,
      env: { ...options.env },
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
    });
    // Output bypassing the console/stdout capture (rare) still must not reach the server's stdout.
    for (const stream of [this.thread.stdout, this.thread.stderr]) {
      stream.on('data', (chunk: Buffer) => options.onLogs([{ time: Date.now(), requestId: this.pending?.requestId, message: chunk.toString('utf8').trimEnd() }]));
    }
    const initTimer = setTimeout(() => this.failInit(timeoutPayloadForInit(options.initTimeoutMs)), options.initTimeoutMs);
    this.ready.then(() => clearTimeout(initTimer));
    this.thread.on('message', (message: FromWorkerMessage) => this.onMessage(message));
    this.thread.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') this.outOfMemory = true;
      else options.onLogs([{ time: Date.now(), requestId: this.pending?.requestId, level: 'ERROR', message: String(err.stack ?? err) }]);
    });
    this.thread.on('exit', (code) => this.onExit(code));
  }

  /** True while the thread runs and can take invocations. */
  get alive(): boolean {
    return !this.gone && !this.stopping;
  }

  /**
   * Runs one invocation (its deadline counts from now); the instance must be ready and idle. Never rejects: timeouts, crashes and
   * exits resolve with the matching error payload (the instance is gone afterwards).
   */
  invoke(message: InvokeMessage, timeoutSeconds: number): Promise<WorkerOutcome> {
    return new Promise((resolve) => {
      const timeoutMs = Math.max(1, Math.round(timeoutSeconds * 1000));
      const timer = setTimeout(() => this.timeOut(timeoutSeconds), timeoutMs);
      this.pending = { requestId: message.requestId, started: performance.now(), logs: new RecentLines(), timer, resolve };
      this.thread.ref();
      this.thread.postMessage({ ...message, deadlineMs: Date.now() + timeoutMs }, [message.payload]);
    });
  }

  /** Stops the thread (idempotent). A pending invocation resolves as an exit. */
  terminate(): void {
    if (this.gone || this.stopping) return;
    this.stopping = true;
    void this.thread.terminate();
  }

  private onMessage(message: FromWorkerMessage): void {
    switch (message.type) {
      case 'ready':
        this.initLogs = new RecentLines();
        this.initialized = true;
        this.thread.unref();
        this.resolveReady({ ok: true, initDurationMs: message.initDurationMs });
        return;
      case 'init-error':
        this.failInit(() => message.error);
        return;
      case 'log':
        if (this.pending) this.pending.logs.add(message.logs);
        else if (!this.initialized) this.initLogs.add(message.logs);
        this.options.onLogs(message.logs);
        return;
      case 'result': {
        const pending = this.pending;
        if (message.fatal) this.terminate();
        if (!pending || pending.requestId !== message.requestId) return;
        this.pending = undefined;
        clearTimeout(pending.timer);
        if (!message.fatal) this.thread.unref();
        const body = message.body ? Buffer.from(message.body) : undefined;
        pending.resolve({ body, error: message.error, durationMs: message.durationMs, heapUsedMb: message.heapUsedMb, logs: pending.logs.toArray() });
        return;
      }
    }
  }

  private failInit(error: (requestId: string) => ErrorPayload, logs: readonly LogLine[] = this.initLogs.toArray()): void {
    this.resolveReady({ ok: false, error, logs });
    this.terminate();
  }

  private timeOut(timeoutSeconds: number): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    const line = { time: Date.now(), requestId: pending.requestId, message: `${new Date().toISOString()} ${pending.requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds` };
    this.options.onLogs([line]);
    pending.logs.add([line]);
    pending.resolve({ error: timeoutPayload(pending.requestId, timeoutSeconds), durationMs: timeoutSeconds * 1000, logs: pending.logs.toArray() });
    this.terminate();
  }

  private onExit(code: number): void {
    this.gone = true;
    const pending = this.pending;
    this.pending = undefined;
    this.failInit((requestId) => (this.outOfMemory ? outOfMemoryPayload(requestId) : exitPayload(requestId, code)));
    if (pending) {
      clearTimeout(pending.timer);
      const error = this.outOfMemory ? outOfMemoryPayload(pending.requestId) : exitPayload(pending.requestId, code);
      pending.resolve({ error, durationMs: performance.now() - pending.started, logs: pending.logs.toArray() });
    }
    this.options.onGone(this);
  }
}

function timeoutPayloadForInit(initTimeoutMs: number): (requestId: string) => ErrorPayload {
  return (requestId) => timeoutPayload(requestId, initTimeoutMs / 1000);
}
