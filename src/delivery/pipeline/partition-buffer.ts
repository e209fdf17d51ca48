// One buffer per evaluated prefix (per partition, per error-output type): records accumulate until
// the size hint or the interval since the first record is reached, whichever comes first.

import type { DeliveryRecord } from '../sink.js';
import type { AckTicket } from './ack-tracker.js';
import type { PrefixPart } from './prefix-template.js';
import type { SinkRole } from './delivery-spool.js';

export interface BufferedRecord {
  readonly record: DeliveryRecord;
  readonly ticket: AckTicket;
}

export class PartitionBuffer {
  readonly records: BufferedRecord[] = [];
  bytes = 0;
  /** Epoch ms at which the interval elapses (set by the first record). */
  deadline = Number.POSITIVE_INFINITY;

  constructor(
    readonly key: string,
    readonly role: SinkRole,
    /** Bound prefix template (partition keys substituted). */
    readonly parts: readonly PrefixPart[],
    /** For error buffers: the error-output type. */
    readonly errorOutputType?: string,
  ) {}

  add(entry: BufferedRecord, now: number, intervalMs: number): void {
    if (this.records.length === 0) this.deadline = now + intervalMs;
    this.records.push(entry);
    this.bytes += entry.record.data.length;
  }

  /** Oldest arrival time in the buffer (for prefix timestamps and freshness). */
  oldestArrival(): number {
    let min = Number.POSITIVE_INFINITY;
    for (const r of this.records) min = Math.min(min, r.record.approximateArrivalTimestamp);
    return min;
  }
}

/** The active buffers of one delivery stream; at most `maxPartitions` main partitions. */
export class BufferSet {
  private readonly buffers = new Map<string, PartitionBuffer>();

  constructor(readonly maxPartitions: number) {}

  /** The buffer for `key`, created when absent; undefined when that would exceed the partition limit. */
  obtain(key: string, create: () => PartitionBuffer): PartitionBuffer | undefined {
    let b = this.buffers.get(key);
    if (b !== undefined) return b;
    b = create();
    if (b.role === 'main' && this.mainCount() >= this.maxPartitions) return undefined;
    this.buffers.set(key, b);
    return b;
  }

  has(key: string): boolean {
    return this.buffers.has(key);
  }

  remove(key: string): void {
    this.buffers.delete(key);
  }

  all(): PartitionBuffer[] {
    return [...this.buffers.values()];
  }

  get bytes(): number {
    let n = 0;
    for (const b of this.buffers.values()) n += b.bytes;
    return n;
  }

  nextDeadline(): number {
    let d = Number.POSITIVE_INFINITY;
    for (const b of this.buffers.values()) if (b.records.length > 0) d = Math.min(d, b.deadline);
    return d;
  }

  private mainCount(): number {
    let n = 0;
    for (const b of this.buffers.values()) if (b.role === 'main') n++;
    return n;
  }
}
