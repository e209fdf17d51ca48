// Asynchronous invocations (Invoke with InvocationType Event): accepted at once, run in the
// background through the FunctionInvoker, with a bound on how many may be in flight. Like Lambda,
// a failed event (function error, throttled, not ready) is retried twice more after delays.

import { randomUUID } from 'node:crypto';
import type { Sleeper } from '../mappings/engine/sleeper.js';
import { timerSleeper } from '../mappings/engine/sleeper.js';
import { FunctionNotFoundError, type FunctionInvoker, type InvokeRequest } from './function-invoker.js';

export interface EventInvocationsLogger {
  warn(obj: object, msg: string): void;
}

/** Lambda's retry delays for a failed asynchronous invocation: about 1 minute, then 2 minutes. */
export const DEFAULT_EVENT_RETRY_DELAYS_MS: readonly number[] = [60_000, 120_000];

export interface EventInvocationsOptions {
  readonly invoker: FunctionInvoker;
  readonly logger: EventInvocationsLogger;
  /** Invocations accepted but not finished (running or waiting for a retry) beyond which submit() refuses. */
  readonly maxPending: number;
  /** Delay before each retry of a failed invocation; its length is the number of retries. Default: Lambda's. */
  readonly retryDelaysMs?: readonly number[];
  /** Waits out the retry delays (tests inject a ManualSleeper). Default: real timers. */
  readonly sleeper?: Sleeper;
}

/** Why one attempt did not succeed, or undefined when it did. */
interface AttemptFailure {
  readonly retryable: boolean;
  readonly details: object;
  readonly msg: string;
}

export class EventInvocations {
  private readonly pending = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private readonly retryDelaysMs: readonly number[];
  private readonly sleeper: Sleeper;

  constructor(private readonly options: EventInvocationsOptions) {
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_EVENT_RETRY_DELAYS_MS;
    this.sleeper = options.sleeper ?? timerSleeper;
  }

  /**
   * Starts the invocation (and its retries) in the background. Returns false, starting nothing,
   * when maxPending are in flight or after close().
   */
  submit(request: InvokeRequest): boolean {
    if (this.stopping.signal.aborted || this.pending.size >= this.options.maxPending) return false;
    // Every attempt runs under the same request id, as Lambda's retries do.
    const run = this.run(request.requestId === undefined ? { ...request, requestId: randomUUID() } : request);
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
    return true;
  }

  /** How many invocations are in flight (running or waiting for a retry). */
  get size(): number {
    return this.pending.size;
  }

  /** Resolves once every accepted invocation has finished, retries included. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /**
   * Refuses new invocations, drops those waiting for a retry (logged), and resolves once the
   * attempts already running have finished. Idempotent.
   */
  async close(): Promise<void> {
    this.stopping.abort();
    await this.drain();
  }

  private async run(request: InvokeRequest): Promise<void> {
    const signal = this.stopping.signal;
    for (let attempt = 1; ; attempt++) {
      const failure = await this.attempt(request);
      if (failure === undefined) return;
      const delayMs = this.retryDelaysMs[attempt - 1];
      const context = { ...failure.details, functionName: request.functionName, attempt };
      if (!failure.retryable || delayMs === undefined) {
        this.options.logger.warn(context, failure.msg);
        return;
      }
      this.options.logger.warn({ ...context, retryInMs: delayMs }, `${failure.msg}; retrying`);
      await this.sleeper.sleep(delayMs, signal);
      if (signal.aborted) {
        this.options.logger.warn({ requestId: request.requestId, functionName: request.functionName, attempt }, 'event invocation dropped at shutdown before its retry');
        return;
      }
    }
  }

  private async attempt(request: InvokeRequest): Promise<AttemptFailure | undefined> {
    try {
      const result = await this.options.invoker.invoke(request);
      if (result.functionError === undefined) return undefined;
      return { retryable: true, details: { requestId: result.requestId, functionError: result.functionError }, msg: 'event invocation failed' };
    } catch (err) {
      // A deleted function is not retried; throttling, not-ready and unexpected errors are.
      return { retryable: !(err instanceof FunctionNotFoundError), details: { err, requestId: request.requestId }, msg: 'event invocation not run' };
    }
  }
}
