// Runs functions for the Invoke API and event source mappings: code functions in per-function
// pools of worker threads (reloaded when the definition's revisionId changes, idle instances
// reaped), HTTP-endpoint functions by POST. Implements the FunctionInvoker contract.

import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../engine/clock.js';
import type { FunctionDefinition, FunctionLookup } from '../function-definition.js';
import { FunctionNotFoundError, FunctionNotReadyError, type FunctionInvoker, type InvokeRequest, type InvokeResult } from '../function-invoker.js';
import { GateClosedError } from './concurrency-gate.js';
import { FunctionPool, type PoolOutcome } from './function-pool.js';
import { HttpFunctionInvoker } from './http-function-invoker.js';
import { formatInvocationLog, formatLogLine, logTail } from './invocation-log.js';
import type { RuntimeLogger } from './runtime-logger.js';
import type { LogLine } from './worker-protocol.js';

export interface WorkerFunctionRuntimeOptions {
  readonly functions: FunctionLookup;
  readonly logger: RuntimeLogger;
  readonly clock: Clock;
  /** Scratch space under `<dataDir>/runtime/` (compiled TypeScript). */
  readonly dataDir: string;
  /** Invocations that may wait per function when all its instances are busy; beyond, FunctionThrottledError. Default 64. */
  readonly maxQueuedInvocations?: number;
  /** An instance idle this long is stopped. Default 10 minutes. */
  readonly idleTimeoutMs?: number;
  /** How often idle instances and stale pools are swept (real timer, unref'd). Default 30 s; 0 disables. */
  readonly sweepIntervalMs?: number;
  /** Limit for loading a function's module in a new instance. Default 10 s. */
  readonly initTimeoutMs?: number;
  /** Variables every function sees unless its own Environment sets them (e.g. AWS_ENDPOINT_URL). Default: PATH. */
  readonly baseEnvironment?: () => Readonly<Record<string, string>>;
}

const VERSION = '$LATEST';

export class WorkerFunctionRuntime implements FunctionInvoker {
  private readonly pools = new Map<string, FunctionPool>();
  private readonly http: HttpFunctionInvoker;
  private readonly sweeper: NodeJS.Timeout | undefined;
  private readonly maxQueued: number;
  private closed = false;

  constructor(private readonly options: WorkerFunctionRuntimeOptions) {
    this.maxQueued = options.maxQueuedInvocations ?? 64;
    this.http = new HttpFunctionInvoker(this.maxQueued);
    const interval = options.sweepIntervalMs ?? 30_000;
    if (interval > 0) {
      this.sweeper = setInterval(() => this.sweep(), interval);
      this.sweeper.unref();
    }
  }

  async invoke(request: InvokeRequest): Promise<InvokeResult> {
    const definition = this.options.functions.get(request.functionName);
    if (!definition || (request.qualifier !== undefined && request.qualifier !== VERSION)) throw new FunctionNotFoundError(request.functionName, request.qualifier);
    if (this.closed) throw new FunctionNotReadyError(definition.name, definition.state, 'the runtime is shut down');
    if (definition.state !== 'Active') throw new FunctionNotReadyError(definition.name, definition.state, `function is ${definition.state}`);
    const requestId = request.requestId ?? randomUUID();
    const invokedFunctionArn = request.qualifier ? `${definition.arn}:${request.qualifier}` : definition.arn;
    let outcome: PoolOutcome;
    try {
      if (definition.kind === 'http') {
        outcome = { ...(await this.http.invoke(definition, { requestId, payload: request.payload, invokedFunctionArn, clientContext: request.clientContext })), logs: [] };
      } else {
        // One copy into a buffer of our own (the caller may reuse its bytes, e.g. for a retry), then
        // transferred to the worker without another copy. allocUnsafeSlow skips zero-filling.
        const copy = Buffer.allocUnsafeSlow(request.payload.length);
        request.payload.copy(copy);
        const payload = copy.buffer as ArrayBuffer;
        const message = { type: 'invoke' as const, requestId, payload, invokedFunctionArn, deadlineMs: 0, clientContext: request.clientContext, report: request.logTail === true };
        outcome = await this.poolFor(definition).run(message);
      }
    } catch (err) {
      if (err instanceof GateClosedError) throw new FunctionNotReadyError(definition.name, definition.state, 'the runtime is shut down');
      throw err;
    }
    const result: InvokeResult = {
      requestId,
      payload: outcome.body ?? Buffer.from(JSON.stringify(outcome.error)),
      executedVersion: VERSION,
      durationMs: outcome.durationMs,
      ...(outcome.error ? { functionError: 'Unhandled' as const } : {}),
    };
    if (!request.logTail) return result;
    const log = formatInvocationLog(
      { requestId, version: VERSION, durationMs: outcome.durationMs, memorySizeMb: definition.memoryMb, maxMemoryUsedMb: outcome.heapUsedMb, initDurationMs: outcome.initDurationMs },
      outcome.logs,
    );
    return { ...result, logResult: logTail(log) };
  }

  /** Retires pools of deleted or changed functions and stops instances idle past idleTimeoutMs. */
  sweep(): void {
    const cutoff = this.options.clock.now() - (this.options.idleTimeoutMs ?? 600_000);
    for (const [name, pool] of this.pools) {
      const current = this.options.functions.get(name);
      if (!current || current.revisionId !== pool.definition.revisionId || current.kind !== 'code') this.dropPool(name, pool);
      else pool.reapIdle(cutoff);
    }
  }

  /** Stops every instance; later invocations are refused with FunctionNotReadyError. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    for (const pool of this.pools.values()) pool.close();
    this.pools.clear();
    this.http.close();
  }

  private poolFor(definition: FunctionDefinition): FunctionPool {
    const current = this.pools.get(definition.name);
    if (current && current.definition.revisionId === definition.revisionId) return current;
    if (current) this.dropPool(definition.name, current);
    if (!definition.codeDir) throw new FunctionNotReadyError(definition.name, definition.state, 'function has no code directory');
    const pool = new FunctionPool({
      definition,
      clock: this.options.clock,
      workDir: this.workDir(definition.name, definition.revisionId),
      maxQueued: this.maxQueued,
      initTimeoutMs: this.options.initTimeoutMs ?? 10_000,
      baseEnvironment: this.options.baseEnvironment?.() ?? (process.env.PATH ? { PATH: process.env.PATH } : {}),
      onLogs: (lines) => this.logLines(definition.name, lines),
    });
    this.pools.set(definition.name, pool);
    return pool;
  }

  private dropPool(name: string, pool: FunctionPool): void {
    pool.retire();
    if (this.pools.get(name) === pool) this.pools.delete(name);
    // Compiled output stays while an instance might still load it; revisions are small.
    if (pool.drained) void rm(this.workDir(name, pool.definition.revisionId), { recursive: true, force: true }).catch(() => undefined);
  }

  private workDir(name: string, revisionId: string): string {
    return join(this.options.dataDir, 'runtime', 'compiled', name, revisionId);
  }

  private logLines(functionName: string, lines: readonly LogLine[]): void {
    for (const line of lines) {
      this.options.logger.info({ functionName, requestId: line.requestId, logLevel: line.level ?? 'RAW' }, line.level ? line.message : formatLogLine(line));
    }
  }
}
