// Lands finished buffers on their sink, one at a time: retries with exponential backoff, and after
// `spoolAfterAttempts` failures spools the batch to disk (records then count as settled) where a
// second loop retries it forever. Nothing is ever dropped. With a backup (HTTP endpoint
// destinations) a main batch that is still failing `backup.afterMs` after its first failure is
// also written to the backup's error output — and still retried; a batch the sink refuses for good
// (an error with `permanent: true`, e.g. HTTP 413) goes to the backup and is not retried.

import type { Logger } from 'pino';
import type { Clock } from '../../engine/clock.js';
import type { Sleeper } from '../../mappings/engine/sleeper.js';
import { Wakeup } from '../../mappings/engine/wakeup.js';
import type { Sink, SinkBatch } from '../sink.js';
import type { DeliverySpool, RetryState, SinkRole } from './delivery-spool.js';
import type { FailureBackup } from './failure-backup.js';
import { retryBackoffMs } from '../../engine/retry-backoff.js';

export interface DeliveryJob {
  readonly role: SinkRole;
  readonly batch: SinkBatch;
  /** Called once the batch is delivered or spooled. */
  readonly settle: () => void;
}

export interface DeliveryWorkerOptions {
  /** The sinks of the roles this worker is given jobs for (main and error, or the source-record backup). */
  readonly sinks: Readonly<Partial<Record<SinkRole, Sink>>>;
  readonly spool: DeliverySpool;
  readonly clock: Clock;
  readonly sleeper: Sleeper;
  readonly logger: Logger;
  readonly spoolAfterAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  /** ±fraction spread of each wait (Firehose: 0.15). */
  readonly backoffJitter: number;
  /** Backup of failed main batches (on the error sink); absent for S3 destinations, which retry only. */
  readonly backup?: FailureBackup;
  /** A batch reached its sink (directly or from the spool). */
  readonly onDelivered: (role: SinkRole, batch: SinkBatch) => void;
}

/** What a failed attempt led to: try again later, or done with the batch (refused and backed up). */
type AfterFailure = 'retry' | 'settled';

/** Sinks mark failures that retrying cannot fix with `permanent: true` (HTTP 413). */
function isPermanent(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { permanent?: unknown }).permanent === true;
}

export class DeliveryWorker {
  private readonly queue: DeliveryJob[] = [];
  private readonly work = new Wakeup();
  private readonly spooled = new Wakeup();
  private readonly idleWaiters: (() => void)[] = [];
  private busyBytes = 0;

  constructor(private readonly o: DeliveryWorkerOptions) {}

  enqueue(job: DeliveryJob): void {
    this.queue.push(job);
    this.busyBytes += job.batch.body.length;
    this.work.notify();
  }

  /** Bytes of batches queued or being delivered. */
  get queuedBytes(): number {
    return this.busyBytes;
  }

  /** Resolves once the queue is empty and nothing is in flight (or on stop). */
  drained(signal: AbortSignal): Promise<void> {
    if (this.busyBytes === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  private backoff(failures: number): number {
    return retryBackoffMs(failures, { initialMs: this.o.initialBackoffMs, maxMs: this.o.maxBackoffMs, jitter: this.o.backoffJitter });
  }

  /** One delivery attempt; the error when it failed. */
  private async attempt(role: SinkRole, batch: SinkBatch): Promise<{ error: unknown } | undefined> {
    try {
      const sink = this.o.sinks[role];
      if (sink === undefined) throw new Error(`no ${role} sink for this batch; it stays queued or spooled`);
      await sink.deliver(batch);
      this.o.onDelivered(role, batch);
      return undefined;
    } catch (error) {
      this.o.logger.warn({ err: error, objectKey: batch.objectKey, role }, 'delivery attempt failed');
      return { error };
    }
  }

  /**
   * Counts a failed attempt and applies the backup rules: a permanent failure is backed up and
   * settles the batch; a batch failing for longer than the retry duration is backed up once.
   */
  private async failed(role: SinkRole, batch: SinkBatch, state: RetryState, error: unknown): Promise<AfterFailure> {
    const now = this.o.clock.now();
    state.attempts++;
    if (state.attempts === 1) state.firstFailedAt = now;
    const backup = this.o.backup;
    if (role !== 'main' || backup === undefined) return 'retry';
    const permanent = isPermanent(error);
    if (!permanent && (state.backedUp || now - state.firstFailedAt < backup.afterMs)) return 'retry';
    try {
      const copy = await backup.failed(batch, { error, attempts: state.attempts, at: now });
      if ((await this.attempt('error', copy)) !== undefined) {
        await this.o.spool.put({ role: 'error', batch: copy });
        this.spooled.notify();
      }
      state.backedUp = true;
    } catch (err) {
      this.o.logger.error({ err, objectKey: batch.objectKey }, 'backing up a failed delivery failed; retrying');
      return 'retry';
    }
    return permanent ? 'settled' : 'retry';
  }

  /** Delivers queued jobs until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const job = this.queue[0];
      if (job === undefined) {
        for (const w of this.idleWaiters.splice(0)) w();
        await this.work.wait(signal);
        continue;
      }
      const state: RetryState = { attempts: 0, firstFailedAt: 0, backedUp: false };
      let done = false;
      while (!done && !signal.aborted) {
        const failure = await this.attempt(job.role, job.batch);
        if (failure === undefined || (await this.failed(job.role, job.batch, state, failure.error)) === 'settled') done = true;
        else if (state.attempts >= this.o.spoolAfterAttempts) {
          try {
            await this.o.spool.put({ role: job.role, batch: job.batch, retry: state });
            this.spooled.notify();
            done = true;
          } catch (err) {
            this.o.logger.error({ err }, 'spooling a failed delivery failed; retrying');
            await this.o.sleeper.sleep(this.backoff(state.attempts), signal);
          }
        } else await this.o.sleeper.sleep(this.backoff(state.attempts), signal);
      }
      if (!done) return;
      this.queue.shift();
      this.busyBytes -= job.batch.body.length;
      job.settle();
    }
  }

  /**
   * Retries spooled batches, oldest first, forever, until `signal` aborts. Each round tries every
   * entry once, except that after a failure the other entries of that sink wait for the next round
   * (the sink is likely down); a round with failures is followed by a backoff.
   */
  async runSpool(signal: AbortSignal): Promise<void> {
    let rounds = 0;
    while (!signal.aborted) {
      const names = await this.o.spool.list();
      if (names.length === 0) {
        await this.spooled.wait(signal);
        continue;
      }
      const down = new Set<SinkRole>();
      for (const name of names) {
        if (signal.aborted) return;
        const entry = await this.o.spool.read(name);
        if (down.has(entry.role)) continue;
        const failure = await this.attempt(entry.role, entry.batch);
        if (failure === undefined) {
          await this.o.spool.remove(name);
          continue;
        }
        down.add(entry.role);
        const state: RetryState = { ...(entry.retry ?? { attempts: 0, firstFailedAt: 0, backedUp: false }) };
        const wasBackedUp = state.backedUp;
        if ((await this.failed(entry.role, entry.batch, state, failure.error)) === 'settled') await this.o.spool.remove(name);
        else if (state.backedUp !== wasBackedUp) await this.o.spool.replace(name, { ...entry, retry: state });
      }
      rounds = down.size > 0 ? rounds + 1 : 0;
      if (rounds > 0) await this.o.sleeper.sleep(this.backoff(rounds), signal);
    }
  }
}
