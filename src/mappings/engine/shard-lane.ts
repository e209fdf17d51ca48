// ShardLane: one ordered line of batches within a shard (the whole shard when
// ParallelizationFactor is 1). Buffers what the reader hands it (bounded: one batch's worth),
// cuts batches by BatchSize, batching window, the 6 MB payload cap and tumbling windows (ESM.md
// §4, §8), and settles each batch before the next: one batch in flight per lane, in order.

import type { Logger } from 'pino';
import type { Clock } from '../../engine/clock.js';
import type { LaneState } from '../../metrics/mapping-status.js';
import type { MappingDefinition } from '../mapping-definition.js';
import { settleBatch, type SettleHooks } from './batch-settler.js';
import { retryDelayMs, type EngineTuning } from './engine-tuning.js';
import type { FailureDestination } from './failure-destination.js';
import type { FailureSource } from './failure-record.js';
import { firstOf } from './first-of.js';
import { classifyResult, type InvocationOutcome } from './invocation-outcome.js';
import { kinesisEvent, MAX_INVOKE_PAYLOAD_BYTES, PLAIN_EVENT_OVERHEAD, recordsJsonBytes, type EventRecord } from './kinesis-event.js';
import type { MappingInvoker } from './mapping-invoker.js';
import { NOOP_TELEMETRY, type MappingTelemetry } from './mapping-telemetry.js';
import { throwIfStopped, unlessStopped } from './mapping-stopped.js';
import { processingResultOf, RESULT_FUNCTION_FAILED, RESULT_OK } from './processing-result.js';
import type { Sleeper } from './sleeper.js';
import { TumblingWindow } from './tumbling-window-state.js';
import { Wakeup } from './wakeup.js';

export interface LaneContext {
  readonly mapping: MappingDefinition;
  readonly shardId: string;
  /** Aborts when the mapping stops: finish the invocation in flight, start nothing new, wait for nothing else. */
  readonly signal: AbortSignal;
  /** Aborts when the invocation in flight is to be abandoned (never checkpointed) as well. */
  readonly abandonSignal: AbortSignal;
  readonly clock: Clock;
  readonly sleeper: Sleeper;
  readonly tuning: EngineTuning;
  readonly invoker: MappingInvoker;
  readonly destination: FailureDestination;
  readonly logger: Logger;
  /** Reports a LastProcessingResult. */
  report(result: string): void;
  /** Event counts for metrics (none by default). */
  readonly telemetry?: MappingTelemetry;
  /** The stream's current retention period (ms): a record older than that has left the stream. */
  retentionMs(): number;
  /** The reader has read every record the shard holds right now. */
  caughtUp(): boolean;
  /** The shard is closed and read to its end: no more records will arrive. */
  ended(): boolean;
  /** Some of this lane's records were resolved; with `durable`, resolves once the resulting checkpoint is durable. */
  progress(durable: boolean): Promise<void>;
  /** The lane took records out of its buffer (the reader may hand it more). */
  freed(): void;
}

export class ShardLane {
  /** Woken by the reader when it hands records over or reaches the end of what the shard holds. */
  readonly wakeup = new Wakeup();
  private queue: EventRecord[] = [];
  private head = 0;
  private queuedBytes = 0;
  private inFlight: readonly EventRecord[] = [];
  private inFlightDone = 0;
  private window: TumblingWindow | undefined;
  private readonly windowMs: number;
  private readonly source: FailureSource;
  private readonly telemetry: MappingTelemetry;
  /** What the lane is doing, for status (read on demand, written once per batch or retry). */
  private current: LaneState = { kind: 'idle' };
  private lastError: string | undefined;

  constructor(private readonly ctx: LaneContext) {
    this.windowMs = ctx.mapping.tumblingWindowInSeconds * 1000;
    this.telemetry = ctx.telemetry ?? NOOP_TELEMETRY;
    this.source = { functionArn: ctx.mapping.functionArn, shardId: ctx.shardId, streamArn: ctx.mapping.eventSourceArn };
  }

  /**
   * Whether the reader may hand over another record. The buffer holds up to two batches of
   * records (the next batch is ready while one is in flight) and up to one payload's worth of bytes.
   */
  hasRoom(): boolean {
    return this.queue.length - this.head < 2 * this.ctx.mapping.batchSize && this.queuedBytes < MAX_INVOKE_PAYLOAD_BYTES;
  }

  push(record: EventRecord): void {
    this.queue.push(record);
    this.queuedBytes += record.bytes;
  }

  /** What the lane is doing now. */
  state(): LaneState {
    return this.current;
  }

  /** Arrival time of the oldest record the lane holds and has not finished (undefined when none). */
  oldestPendingTimestamp(): number | undefined {
    const pending = this.inFlightDone < this.inFlight.length ? this.inFlight[this.inFlightDone] : this.queue[this.head];
    return pending?.timestamp;
  }

  /** Offset of this lane's first record that is not done yet (Infinity when none is pending). */
  unfinishedFrom(): number {
    let from = this.window?.holdOffset ?? Infinity;
    const pending = this.inFlightDone < this.inFlight.length ? this.inFlight[this.inFlightDone] : this.queue[this.head];
    if (pending !== undefined && pending.offset < from) from = pending.offset;
    return from;
  }

  /** Processes batches until the shard has ended and everything is done; throws MappingStoppedError on stop. */
  async run(): Promise<void> {
    const { ctx } = this;
    const { signal, clock } = ctx;
    let formingSince: number | undefined;
    for (;;) {
      throwIfStopped(signal);
      const first = this.queue[this.head];
      if (first === undefined) {
        formingSince = undefined;
        const window = this.window;
        if (window !== undefined && (ctx.ended() || (clock.now() >= window.bounds.end && ctx.caughtUp()))) {
          await this.finishWindow(false);
          continue;
        }
        if (ctx.ended()) return;
        const untilEnd = window === undefined ? undefined : window.bounds.end - clock.now();
        await firstOf(signal, [(s) => this.wakeup.wait(s), ...(untilEnd === undefined || untilEnd <= 0 ? [] : [(s: AbortSignal) => ctx.sleeper.sleep(untilEnd, s)])]);
        continue;
      }
      if (this.window !== undefined && !this.window.holds(first.timestamp)) {
        await this.finishWindow(false);
        continue;
      }
      formingSince ??= clock.now();
      const cut = this.cut();
      const batchingMs = ctx.mapping.maximumBatchingWindowInSeconds * 1000;
      if (!cut.full && batchingMs > 0 && !ctx.ended()) {
        const wait = formingSince + batchingMs - clock.now();
        if (wait > 0) {
          await firstOf(signal, [(s) => this.wakeup.wait(s), (s) => ctx.sleeper.sleep(wait, s)]);
          continue;
        }
      }
      const batch = this.take(cut.count);
      formingSince = this.queue.length > this.head ? clock.now() : undefined;
      if (this.windowMs > 0) (this.window ??= this.openWindow(first)).include(batch);
      await settleBatch(batch, this.hooks());
      this.current = { kind: 'idle' };
      this.inFlight = [];
      this.inFlightDone = 0;
      if (this.window?.terminateEarly) await this.finishWindow(true);
      else await ctx.progress(true);
    }
  }

  /** How many queued records the next batch takes, and whether that batch is complete. */
  private cut(): { count: number; full: boolean } {
    const limit = this.ctx.mapping.batchSize;
    const firstRecord = this.queue[this.head]!;
    const windowStart = this.windowMs > 0 ? Math.floor(firstRecord.timestamp / this.windowMs) : 0;
    const windowed = this.window ?? (this.windowMs > 0 ? this.openWindow(firstRecord) : undefined);
    let count = 0;
    let bytes = 0;
    for (let i = this.head; i < this.queue.length && count < limit; i++) {
      const record = this.queue[i]!;
      if (this.windowMs > 0 && Math.floor(record.timestamp / this.windowMs) !== windowStart) return { count, full: true };
      const size = windowed === undefined ? PLAIN_EVENT_OVERHEAD + recordsJsonBytes(count + 1, bytes + record.bytes) : windowed.eventBytes(count + 1, bytes + record.bytes);
      if (count > 0 && size > MAX_INVOKE_PAYLOAD_BYTES) return { count, full: true };
      count++;
      bytes += record.bytes;
    }
    return { count, full: count === limit };
  }

  private take(count: number): readonly EventRecord[] {
    const batch = this.queue.slice(this.head, this.head + count);
    this.head += count;
    for (const record of batch) this.queuedBytes -= record.bytes;
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.inFlight = batch;
    this.inFlightDone = 0;
    this.ctx.freed();
    return batch;
  }

  private hooks(): SettleHooks {
    const { ctx } = this;
    const { mapping } = ctx;
    // A record also stops being retried when it leaves the stream (retention), as on AWS.
    const retention = ctx.retentionMs();
    const maxAge = mapping.maximumRecordAgeInSeconds < 0 ? retention : Math.min(retention, mapping.maximumRecordAgeInSeconds * 1000);
    return {
      policy: {
        maximumRetryAttempts: mapping.maximumRetryAttempts,
        maximumRecordAgeMs: maxAge,
        bisectBatchOnFunctionError: mapping.bisectBatchOnFunctionError,
      },
      now: () => ctx.clock.now(),
      invoke: (records) => this.invokeBatch(records),
      resolved: (count) => {
        this.inFlightDone += count;
        void ctx.progress(false);
      },
      discard: async (discard) => {
        this.telemetry.dropped(discard.records.length);
        ctx.logger.info(
          { mapping: mapping.uuid, shardId: ctx.shardId, condition: discard.condition, records: discard.records.length },
          'event source mapping discarded records',
        );
        const delivered = await unlessStopped(ctx.destination.deliver(discard, this.source, ctx.clock.now()), ctx.abandonSignal);
        if (delivered) this.telemetry.delivered(discard.records.length);
      },
      backoff: (attempt) => {
        const now = ctx.clock.now();
        if (this.current.kind === 'throttled') return this.backoff(attempt);
        const sinceMs = this.current.kind === 'retrying' ? this.current.sinceMs : now;
        const maxAttempts = mapping.maximumRetryAttempts < 0 ? null : mapping.maximumRetryAttempts + 1;
        this.current = { kind: 'retrying', attempt: attempt + 1, maxAttempts, sinceMs, ...(this.lastError === undefined ? {} : { lastError: this.lastError }) };
        return this.backoff(attempt);
      },
    };
  }

  private async invokeBatch(records: readonly EventRecord[]): Promise<InvocationOutcome> {
    const { ctx } = this;
    throwIfStopped(ctx.signal);
    const window = this.window;
    const payload = window === undefined ? kinesisEvent(records) : window.event(records, false);
    const startedAt = ctx.clock.now();
    if (this.current.kind === 'idle') this.current = { kind: 'invoking', sinceMs: startedAt };
    const attempt = await ctx.invoker.invoke(payload, ctx.abandonSignal);
    if (attempt.kind === 'not-run') {
      const outcome: InvocationOutcome = { kind: 'not-run', error: attempt.error };
      if (this.current.kind !== 'throttled') this.current = { kind: 'throttled', sinceMs: startedAt };
      ctx.logger.warn({ err: attempt.error, mapping: ctx.mapping.uuid, shardId: ctx.shardId }, 'event source mapping could not invoke its function');
      ctx.report(processingResultOf(outcome));
      return outcome;
    }
    const classified = classifyResult(attempt.result, records, {
      reportBatchItemFailures: ctx.mapping.reportBatchItemFailures,
      requireState: window !== undefined,
    });
    if (window !== undefined && classified.state !== undefined) window.accept(classified.state);
    const last = records[records.length - 1];
    this.telemetry.invoked(records.length, ctx.shardId, last === undefined ? 0 : Math.max(0, startedAt - last.timestamp));
    if (classified.outcome.kind !== 'success') {
      this.telemetry.failedInvoke(records.length);
      this.lastError = attempt.result.functionError ?? 'partial batch failure';
    } else {
      this.lastError = undefined;
    }
    if (this.current.kind === 'throttled') this.current = { kind: 'invoking', sinceMs: startedAt };
    ctx.report(processingResultOf(classified.outcome));
    return classified.outcome;
  }

  /** The window's final invocation (`Records: []`); retried like a batch, then the window's records are done. */
  private async finishWindow(terminatedEarly: boolean): Promise<void> {
    const { ctx } = this;
    const window = this.window!;
    const { maximumRetryAttempts, maximumRecordAgeInSeconds } = ctx.mapping;
    let retries = 0;
    let notRun = 0;
    for (;;) {
      throwIfStopped(ctx.signal);
      const attempt = await ctx.invoker.invoke(window.event([], true, terminatedEarly), ctx.abandonSignal);
      if (attempt.kind === 'not-run') {
        ctx.report(processingResultOf({ kind: 'not-run', error: attempt.error }));
        await this.backoff(++notRun);
        continue;
      }
      const failed = attempt.result.functionError !== undefined;
      ctx.report(failed ? RESULT_FUNCTION_FAILED : RESULT_OK);
      if (!failed) break;
      const tooOld = maximumRecordAgeInSeconds >= 0 && ctx.clock.now() - window.lastTimestamp >= maximumRecordAgeInSeconds * 1000;
      if ((maximumRetryAttempts >= 0 && retries >= maximumRetryAttempts) || tooOld) {
        ctx.logger.warn({ mapping: ctx.mapping.uuid, shardId: ctx.shardId, window: window.bounds }, 'final invocation of a tumbling window failed; its state is dropped');
        break;
      }
      await this.backoff(++retries);
    }
    this.window = undefined;
    await ctx.progress(true);
  }

  private openWindow(first: EventRecord): TumblingWindow {
    return new TumblingWindow(first, this.windowMs, this.ctx.shardId, this.ctx.mapping.eventSourceArn);
  }

  private async backoff(attempt: number): Promise<void> {
    await this.ctx.sleeper.sleep(retryDelayMs(this.ctx.tuning, attempt), this.ctx.signal);
    throwIfStopped(this.ctx.signal);
  }
}
