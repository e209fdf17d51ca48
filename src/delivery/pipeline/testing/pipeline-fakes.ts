// Test doubles for the delivery pipeline: a pushable source recording acks, a sink that can be
// told to fail, a pass-through formatter and a helper to let pending promises settle.

import type { DeliveryRecord, Sink, SinkBatch } from '../../sink.js';
import type { DeliverySource, SourceBatch, SourceRecord } from '../delivery-source.js';
import type { Formatter } from '../formatter-port.js';

export class FakeSource implements DeliverySource {
  readonly acked: number[] = [];
  private readonly pending: SourceBatch[] = [];
  private waiter: ((r: IteratorResult<SourceBatch>) => void) | undefined;
  private closed = false;
  private batches = 0;

  push(records: SourceRecord[]): void {
    const n = this.batches++;
    const batch: SourceBatch = { records, ack: async () => { this.acked.push(n); } };
    if (this.waiter !== undefined) { const w = this.waiter; this.waiter = undefined; w({ value: batch, done: false }); }
    else this.pending.push(batch);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiter?.({ value: undefined, done: true });
    this.waiter = undefined;
  }

  [Symbol.asyncIterator](): AsyncIterator<SourceBatch> {
    return {
      next: () => {
        const b = this.pending.shift();
        if (b !== undefined) return Promise.resolve({ value: b, done: false });
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => { this.waiter = resolve; });
      },
    };
  }
}

export class FakeSink implements Sink {
  readonly delivered: SinkBatch[] = [];
  attempts = 0;
  /** Fail this many more attempts. */
  failNext = 0;
  /** The error a failing attempt throws. */
  failure: () => Error = () => new Error('destination down');
  closed = false;

  async deliver(batch: SinkBatch): Promise<void> {
    this.attempts++;
    if (this.failNext > 0) { this.failNext--; throw this.failure(); }
    this.delivered.push(batch);
  }

  async close(): Promise<void> { this.closed = true; }
}

export const concatFormatter: Formatter = {
  encode(records: readonly DeliveryRecord[]) {
    return { body: Buffer.concat(records.map((r) => r.data)), extension: '' };
  },
  async encodeAsync(records: readonly DeliveryRecord[]) {
    return concatFormatter.encode(records);
  },
};

/**
 * Lets promise chains and I/O (spool fsyncs) settle until `cond` holds; fails after `turns` turns
 * and at least 10 s, so a loaded machine's slow disk does not fail a test.
 */
export async function until(cond: () => boolean | Promise<boolean>, turns = 2000): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (let i = 0; i < turns || Date.now() < deadline; i++) {
    if (await cond()) return;
    await new Promise((r) => (i < turns ? setImmediate(r) : setTimeout(r, 5)));
  }
  throw new Error('condition not reached');
}

export const rec = (id: string, data: string, at: number): SourceRecord => ({ recordId: id, data: Buffer.from(data), approximateArrivalTimestamp: at });
