// The warm instances of one revision of one function: at most `concurrency` worker threads,
// started on demand and reused (most recently used first), with a bounded line of waiting
// invocations (FIFO; when it is full the call is throttled, as Lambda throttles at its
// concurrency limit). Resolving and compiling the handler happens once per pool, not per call.

import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Clock } from '../../engine/clock.js';
import type { FunctionDefinition } from '../function-definition.js';
import { FunctionNotReadyError, FunctionThrottledError } from '../function-invoker.js';
import { ConcurrencyGate } from './concurrency-gate.js';
import { functionEnvironment, regionOfArn } from './function-environment.js';
import { FunctionWorker, type WorkerOutcome } from './function-worker.js';
import { resolveHandler } from './handler-resolver.js';
import { compileTypeScript } from './typescript-compiler.js';
import type { ErrorPayload, InvokeMessage, LogLine, WorkerSetup } from './worker-protocol.js';

const RUNTIME_DIR = dirname(fileURLToPath(import.meta.url));

export interface FunctionPoolOptions {
  readonly definition: FunctionDefinition;
  readonly clock: Clock;
  /** Scratch directory of this revision (compiled TypeScript goes here). */
  readonly workDir: string;
  readonly maxQueued: number;
  readonly initTimeoutMs: number;
  readonly baseEnvironment: Readonly<Record<string, string>>;
  readonly onLogs: (lines: readonly LogLine[]) => void;
}

export interface PoolOutcome extends WorkerOutcome {
  /** Set when this invocation started a new instance. */
  readonly initDurationMs?: number;
}

type Prepared = { readonly ok: true; readonly moduleUrl: string; readonly exportPath: string } | { readonly ok: false; readonly error: ErrorPayload };

export class FunctionPool {
  /** clock.now() of the last invocation's end (for idle reaping of the whole pool). */
  lastUsed: number;
  private readonly gate: ConcurrencyGate;
  private readonly idle: { worker: FunctionWorker; since: number }[] = [];
  private readonly workers = new Set<FunctionWorker>();
  private prepared: Promise<Prepared> | undefined;
  private retired = false;
  private closed = false;

  constructor(private readonly options: FunctionPoolOptions) {
    this.gate = new ConcurrencyGate(Math.max(0, options.definition.concurrency), options.maxQueued);
    this.lastUsed = options.clock.now();
  }

  get definition(): FunctionDefinition {
    return this.options.definition;
  }

  /** True when no instance runs and no invocation holds or waits for a slot. */
  get drained(): boolean {
    return this.workers.size === 0 && this.gate.active === 0 && this.gate.queued === 0;
  }

  /**
   * Runs one invocation on a warm instance (starting one if under the concurrency limit, else
   * waiting in line). Throws FunctionThrottledError when the line is full; never rejects for
   * anything the function does.
   */
  async run(message: InvokeMessage): Promise<PoolOutcome> {
    if (this.definition.concurrency <= 0) throw new FunctionThrottledError(this.definition.name);
    const entered = this.gate.enter();
    if (entered === false) throw new FunctionThrottledError(this.definition.name);
    if (entered !== true) await entered;
    try {
      const prepared = await (this.prepared ??= this.prepare());
      if (!prepared.ok) return { error: prepared.error, durationMs: 0, logs: [] };
      let cold = false;
      let worker = this.idle.pop()?.worker;
      if (!worker) {
        worker = this.spawn(prepared);
        cold = true;
      }
      const init = await worker.ready;
      this.refuseIfClosed();
      if (!init.ok) return { error: init.error(message.requestId), durationMs: 0, logs: init.logs };
      const outcome = await worker.invoke(message, this.definition.timeoutSeconds);
      this.refuseIfClosed(); // an instance stopped by close() is not the function's failure
      if (worker.alive && !this.retired) this.idle.push({ worker, since: this.options.clock.now() });
      else worker.terminate();
      return cold ? { ...outcome, initDurationMs: init.initDurationMs } : outcome;
    } finally {
      this.lastUsed = this.options.clock.now();
      this.gate.leave();
    }
  }

  /** Stops instances idle since before `cutoff` (clock time). */
  reapIdle(cutoff: number): void {
    while (this.idle.length > 0 && this.idle[0]!.since < cutoff) this.idle.shift()!.worker.terminate();
  }

  /** Stops idle instances now and busy ones when their invocation ends; waiting calls still run. */
  retire(): void {
    this.retired = true;
    for (const { worker } of this.idle.splice(0)) worker.terminate();
  }

  /** Stops everything; waiting and running invocations are rejected with FunctionNotReadyError. */
  close(): void {
    this.closed = true;
    this.retire();
    this.gate.close();
    for (const worker of this.workers) worker.terminate();
  }

  private refuseIfClosed(): void {
    if (this.closed) throw new FunctionNotReadyError(this.definition.name, this.definition.state, 'the runtime is shut down');
  }

  private async prepare(): Promise<Prepared> {
    const { codeDir, handler } = this.definition;
    const resolved = resolveHandler(codeDir ?? '', handler);
    if (!resolved.ok) return resolved;
    if (!resolved.typescript) return { ok: true, moduleUrl: pathToFileURL(resolved.file).href, exportPath: resolved.exportPath };
    const compiled = await compileTypeScript(resolved.file, codeDir ?? '', this.options.workDir);
    if (!compiled.ok) return compiled;
    return { ok: true, moduleUrl: pathToFileURL(compiled.file).href, exportPath: resolved.exportPath };
  }

  private spawn(prepared: Prepared & { ok: true }): FunctionWorker {
    const { definition, clock } = this.options;
    const logGroupName = `/aws/lambda/${definition.name}`;
    const day = new Date(clock.now()).toISOString().slice(0, 10).replaceAll('-', '/');
    const logStreamName = `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
    const setup: WorkerSetup = {
      moduleUrl: prepared.moduleUrl,
      exportPath: prepared.exportPath,
      handler: definition.handler,
      functionName: definition.name,
      functionVersion: '$LATEST',
      memoryLimitInMB: String(definition.memoryMb),
      logGroupName,
      logStreamName,
    };
    const identity = { region: regionOfArn(definition.arn), logGroupName, logStreamName, runtimeDir: RUNTIME_DIR };
    const worker = new FunctionWorker({
      setup,
      env: functionEnvironment(definition, identity, this.options.baseEnvironment),
      memoryMb: definition.memoryMb,
      initTimeoutMs: this.options.initTimeoutMs,
      onLogs: this.options.onLogs,
      onGone: (gone) => this.forget(gone),
    });
    this.workers.add(worker);
    return worker;
  }

  private forget(worker: FunctionWorker): void {
    this.workers.delete(worker);
    const index = this.idle.findIndex((entry) => entry.worker === worker);
    if (index >= 0) this.idle.splice(index, 1);
  }
}
