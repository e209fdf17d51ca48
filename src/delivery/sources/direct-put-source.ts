// A DirectPut delivery stream's source: reads its log shard from the durable checkpoint (StateStore
// collection 'delivery-checkpoints'), yields batches, and moves the checkpoint only past batches the
// pipeline acknowledged; log segments holding only delivered records are then reclaimed.

import type { RecordLog } from '../../storage/record-log.js';
import type { StateStore } from '../../storage/state-store.js';
import type { StoredDeliveryStream } from '../delivery-stream-registry.js';
import { CheckpointedBatches } from './checkpointed-batches.js';
import type { DeliverySource, SourceBatch } from '../pipeline/delivery-source.js';
import { directPutRecordId, directPutShard, type DirectPutIngest } from './direct-put-ingest.js';

export const DELIVERY_CHECKPOINTS = 'delivery-checkpoints';

export interface DirectPutSourceOptions {
  readonly stream: StoredDeliveryStream;
  readonly log: RecordLog;
  readonly store: StateStore;
  readonly ingest: DirectPutIngest;
  readonly maxRecords?: number;
  readonly maxBytes?: number;
}

export class DirectPutSource implements DeliverySource {
  private closed = false;
  private wakeUp: (() => void) | undefined;
  private signalled = false;
  private readonly shard: string;
  private readonly key: string;
  private readonly batches = new CheckpointedBatches<{ offset: number; timestamp: number }>();
  /** Serialises checkpoint writes so they never go backwards. */
  private writing = Promise.resolve();

  constructor(private readonly options: DirectPutSourceOptions) {
    this.shard = directPutShard(options.stream);
    this.key = `${options.stream.name}/${options.stream.id}`;
    options.ingest.onAppend(this.shard, () => this.wake());
  }

  private wake(): void {
    this.signalled = true;
    this.wakeUp?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<SourceBatch> {
    const { log, store, stream } = this.options;
    let next = (await store.get<number>(DELIVERY_CHECKPOINTS, this.key))?.value ?? 0;
    while (!this.closed) {
      this.signalled = false;
      const { records, nextOffset } = await log.read(this.shard, next, {
        maxRecords: this.options.maxRecords ?? 500,
        maxBytes: this.options.maxBytes ?? 4 * 1024 * 1024,
      });
      if (records.length === 0) {
        if (!this.signalled && !this.closed) await new Promise<void>((resolve) => (this.wakeUp = resolve));
        this.wakeUp = undefined;
        continue;
      }
      next = nextOffset;
      const marker = this.batches.push({ offset: nextOffset, timestamp: records[records.length - 1]!.timestamp });
      yield {
        records: records.map((r) => ({ recordId: directPutRecordId(stream, r.offset), data: r.data, approximateArrivalTimestamp: r.timestamp })),
        ack: async () => {
          if (marker.acked) return;
          marker.acked = true;
          const safe = this.batches.advance();
          if (safe === undefined) return;
          // Delivered records are no longer needed: whole segments older than them are reclaimed.
          this.writing = this.writing
            .then(() => store.commit([{ kind: 'put', collection: DELIVERY_CHECKPOINTS, key: this.key, value: safe.offset }]))
            .then(() => log.trimBefore(this.shard, safe.timestamp).catch(() => undefined));
          await this.writing;
        },
      };
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.options.ingest.offAppend(this.shard);
    this.wakeUp?.();
  }
}
