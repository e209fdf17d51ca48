// Asynchronous invocations (Invoke with InvocationType Event): persisted, then accepted, then run
// in the background through the FunctionInvoker, with a bound on how many may be pending. Like
// Lambda, a failed event (function error, throttled, not ready) is retried twice more after delays.
// Durable: every accepted event is in the StateStore (EventQueueStore) until it succeeds or is
// finally dropped, so a restart or kill -9 resumes it (at-least-once: an attempt interrupted by a
// crash runs again).

import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../engine/clock.js';
import type { Sleeper } from '../mappings/engine/sleeper.js';
import { timerSleeper } from '../mappings/engine/sleeper.js';
import type { StateStore } from '../storage/state-store.js';
import { EventQueueStore, eventRequest, newPendingEvent, type PendingEvent } from './event-queue-store.js';
import { FunctionNotFoundError, type FunctionInvoker, type InvokeRequest } from './function-invoker.js';

export interface EventInvocationsLogger {
  warn(obj: object, msg: string): void;
  info?(obj: object, msg: string): void;
}

/** Lambda's retry delays for a failed asynchronous invocation: about 1 minute, then 2 minutes. */
export const DEFAULT_EVENT_RETRY_DELAYS_MS: readonly number[] = [60_000, 120_000];

export interface EventInvocationsOptions {
  readonly invoker: FunctionInvoker;
  readonly logger: EventInvocationsLogger;
  /** Where pending events are kept across restarts. */
  readonly store: StateStore;
  /** Invocations accepted but not finished (running or waiting for a retry) beyond which submit() refuses. */
  readonly maxPending: number;
  /** Delay before each retry of a failed invocation; its length is the number of retries. Default: Lambda's. */
  readonly retryDelaysMs?: readonly number[];
  /** Waits out the retry delays (tests inject a ManualSleeper). Default: real timers. */
  readonly sleeper?: Sleeper;
  /** Stamps next-attempt times (tests inject the ManualSleeper's clock). Default: the system clock. */
  readonly clock?: Clock;
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
  private readonly clock: Clock;
  private readonly queue: EventQueueStore;

  constructor(private readonly options: EventInvocationsOptions) {
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_EVENT_RETRY_DELAYS_MS;
    this.sleeper = options.sleeper ?? timerSleeper;
    this.clock = options.clock ?? systemClock;
    this.queue = new EventQueueStore(options.store);
  }

  /**
   * Resumes the events persisted before a restart, each at its next-attempt time (at once when it
   * is past). They count against maxPending even beyond it: they were acknowledged. Call once,
   * before submit().
   */
  async load(): Promise<number> {
    const events = await this.queue.load();
    for (const event of events) this.track(this.run(event));
    if (events.length > 0) this.options.logger.info?.({ count: events.length }, 'pending event invocations resumed');
    return events.length;
  }

  /**
   * Persists the invocation, then starts it (and its retries) in the background. Resolves false,
   * starting and storing nothing, when maxPending are pending or after close(); rejects (nothing
   * accepted) when the store fails.
   */
  async submit(request: InvokeRequest): Promise<boolean> {
    if (this.stopping.signal.aborted || this.pending.size >= this.options.maxPending) return false;
    // Every attempt runs under the same request id, as Lambda's retries do.
    const event = newPendingEvent({ ...request, requestId: request.requestId ?? randomUUID() }, this.clock.now());
    const persisted = this.queue.add(event);
    // The slot is taken while the event is written, so concurrent submits cannot overshoot.
    this.track(persisted.then(() => this.run(event), () => undefined));
    await persisted;
    return true;
  }

  /** How many invocations are pending (being stored, running or waiting for a retry). */
  get size(): number {
    return this.pending.size;
  }

  /** Resolves once every accepted invocation has finished, retries included. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /**
   * Refuses new invocations, stops waiting for retries (those events stay stored and resume after
   * the restart), and resolves once the attempts already running have finished. Idempotent.
   */
  async close(): Promise<void> {
    this.stopping.abort();
    await this.drain();
  }

  private track(run: Promise<void>): void {
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
  }

  private async run(event: PendingEvent): Promise<void> {
    try {
      await this.runAttempts(event);
    } catch (err) {
      // The store failed: the event stays stored as last written and runs again after a restart.
      this.options.logger.warn({ err, requestId: event.requestId, functionName: event.functionName }, 'event invocation state not persisted; resumed at the next start');
    }
  }

  private async runAttempts(initial: PendingEvent): Promise<void> {
    const signal = this.stopping.signal;
    const request = eventRequest(initial);
    for (let event = initial; ; ) {
      const waitMs = event.nextAttemptAt - this.clock.now();
      if (waitMs > 0) await this.sleeper.sleep(waitMs, signal);
      if (signal.aborted) {
        this.options.logger.warn({ requestId: event.requestId, functionName: event.functionName, attempt: event.attempts }, 'event invocation kept for the next start before its retry');
        return;
      }
      const failure = await this.attempt(request);
      if (failure === undefined) return this.queue.remove(event.key);
      const attempt = event.attempts + 1;
      const delayMs = this.retryDelaysMs[attempt - 1];
      const context = { ...failure.details, functionName: event.functionName, attempt };
      if (!failure.retryable || delayMs === undefined) {
        this.options.logger.warn(context, failure.msg);
        return this.queue.remove(event.key);
      }
      this.options.logger.warn({ ...context, retryInMs: delayMs }, `${failure.msg}; retrying`);
      event = { ...event, attempts: attempt, nextAttemptAt: this.clock.now() + delayMs };
      await this.queue.update(event);
    }
  }

  private async attempt(request: InvokeRequest): Promise<AttemptFailure | undefined> {
    try {
      const result = await this.options.invoker.invoke(request);
      if (result.functionError === undefined) return undefined;
      return { retryable: true, details: { requestId: result.requestId, functionError: result.functionError }, msg: 'event invocation failed' };
    } catch (err) {
      // A deleted function is not retried (a reloaded event whose function is gone is dropped
      // here); throttling, not-ready and unexpected errors are.
      return { retryable: !(err instanceof FunctionNotFoundError), details: { err, requestId: request.requestId }, msg: 'event invocation not run' };
    }
  }
}
