// Lands finished buffers on their sink, one at a time: retries with exponential backoff, and after
// `spoolAfterAttempts` failures spools the batch to disk (records then count as settled) where a
// second loop retries it forever. Nothing is ever dropped.

import type { Logger } from 'pino';
import type { Sleeper } from '../../mappings/engine/sleeper.js';
import { Wakeup } from '../../mappings/engine/wakeup.js';
import type { Sink, SinkBatch } from '../sink.js';
import type { DeliverySpool, SinkRole } from './delivery-spool.js';

export interface DeliveryJob {
  readonly role: SinkRole;
  readonly batch: SinkBatch;
  /** Called once the batch is delivered or spooled. */
  readonly settle: () => void;
}

export interface DeliveryWorkerOptions {
  readonly sinks: Readonly<Record<SinkRole, Sink>>;
  readonly spool: DeliverySpool;
  readonly sleeper: Sleeper;
  readonly logger: Logger;
  readonly spoolAfterAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  /** A batch reached its sink (directly or from the spool). */
  readonly onDelivered: (role: SinkRole, batch: SinkBatch) => void;
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
    return Math.min(this.o.maxBackoffMs, this.o.initialBackoffMs * 2 ** Math.max(0, failures - 1));
  }

  private async attempt(role: SinkRole, batch: SinkBatch): Promise<boolean> {
    try {
      await this.o.sinks[role].deliver(batch);
      this.o.onDelivered(role, batch);
      return true;
    } catch (err) {
      this.o.logger.warn({ err, objectKey: batch.objectKey, role }, 'delivery attempt failed');
      return false;
    }
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
      let failures = 0;
      let done = false;
      while (!done && !signal.aborted) {
        if (await this.attempt(job.role, job.batch)) done = true;
        else if (++failures >= this.o.spoolAfterAttempts) {
          try {
            await this.o.spool.put({ role: job.role, batch: job.batch });
            this.spooled.notify();
            done = true;
          } catch (err) {
            this.o.logger.error({ err }, 'spooling a failed delivery failed; retrying');
            await this.o.sleeper.sleep(this.backoff(failures), signal);
          }
        } else await this.o.sleeper.sleep(this.backoff(failures), signal);
      }
      if (!done) return;
      this.queue.shift();
      this.busyBytes -= job.batch.body.length;
      job.settle();
    }
  }

  /** Retries spooled batches, oldest first, forever, until `signal` aborts. */
  async runSpool(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      const names = await this.o.spool.list();
      if (names.length === 0) {
        await this.spooled.wait(signal);
        continue;
      }
      for (const name of names) {
        if (signal.aborted) return;
        const entry = await this.o.spool.read(name);
        if (await this.attempt(entry.role, entry.batch)) {
          await this.o.spool.remove(name);
          failures = 0;
        } else {
          await this.o.sleeper.sleep(this.backoff(++failures), signal);
          break;
        }
      }
    }
  }
}
