// The DirectPut write path: PutRecord/PutRecordBatch data is appended to the delivery stream's
// own RecordLog shard (`firehose/<id>`) and acknowledged only once durable; the stream's
// DirectPutSource is woken to read it.

import type { Clock } from '../../engine/clock.js';
import type { RecordLog } from '../../storage/record-log.js';
import type { StoredDeliveryStream } from '../delivery-stream-registry.js';

/** The log shard holding a DirectPut stream's records. */
export function directPutShard(stream: Pick<StoredDeliveryStream, 'id'>): string {
  return `firehose/${stream.id}`;
}

/** Opaque record id: the incarnation id and the log offset (unique, stable). */
export function directPutRecordId(stream: Pick<StoredDeliveryStream, 'id'>, offset: number): string {
  return `${stream.id}${offset.toString(16).padStart(16, '0')}`;
}

export class DirectPutIngest {
  private readonly listeners = new Map<string, () => void>();

  constructor(private readonly options: { log: RecordLog; clock: Clock }) {}

  /** Registers the callback run after each durable append to `shard` (one per shard). */
  onAppend(shard: string, listener: () => void): void {
    this.listeners.set(shard, listener);
  }

  offAppend(shard: string): void {
    this.listeners.delete(shard);
  }

  /** Appends durably and returns one record id per input, in order. Rejects when the log does. */
  async put(stream: StoredDeliveryStream, data: readonly Buffer[]): Promise<string[]> {
    const shard = directPutShard(stream);
    const result = await this.options.log.append(
      shard,
      data.map((d) => ({ partitionKey: '', data: d })),
      this.options.clock.now(),
    );
    this.listeners.get(shard)?.();
    return data.map((_, i) => directPutRecordId(stream, result.firstOffset + i));
  }
}
