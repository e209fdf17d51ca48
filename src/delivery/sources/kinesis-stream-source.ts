// A KinesisStreamAsSource delivery stream's source: reads every shard of a Tributary stream straight
// from the RecordLog, like any consumer, with its own durable per-shard checkpoints (StateStore
// collection 'delivery-checkpoints', key `<name>/<id>/<shardId>`). Shards without a checkpoint
// start at LATEST when the delivery stream is created (startAtLatest) and at their first record
// otherwise (shards born later by resharding). Only acknowledged batches move a checkpoint. A child
// shard is read only once its parents are drained (closed, and acknowledged up to their end), so
// records of one partition key are delivered in order across a reshard (as mappings do).

import { appendNotifierFor } from '../../engine/streams/append-notifier.js';
import { SequenceNumberFormatter } from '../../engine/streams/sequence-number.js';
import type { ShardState, StreamState } from '../../engine/streams/stream-state.js';
import type { StreamRegistry } from '../../engine/streams/stream-registry.js';
import type { RecordLog } from '../../storage/record-log.js';
import type { StateStore } from '../../storage/state-store.js';
import type { StoredDeliveryStream } from '../delivery-stream-registry.js';
import type { DeliverySource, SourceBatch } from '../pipeline/delivery-source.js';
import { CheckpointedBatches } from './checkpointed-batches.js';
import { DELIVERY_CHECKPOINTS } from './direct-put-source.js';

/** How often an idle source looks for new shards (and a recreated stream). */
const RESCAN_MS = 1000;

export interface KinesisStreamSourceOptions {
  readonly stream: StoredDeliveryStream;
  readonly streams: Pick<StreamRegistry, 'require'>;
  readonly log: RecordLog;
  readonly store: StateStore;
  readonly maxRecords?: number;
  readonly maxBytes?: number;
}

interface ShardCursor {
  next: number;
  /** Offset up to which every record was acknowledged (the durable checkpoint). */
  acked: number;
  readonly batches: CheckpointedBatches<number>;
  readonly format: SequenceNumberFormatter;
  /** Serialises checkpoint writes so they never go backwards. */
  writing: Promise<void>;
}

export function kinesisCheckpointKey(stream: Pick<StoredDeliveryStream, 'name' | 'id'>, shardId: string): string {
  return `${stream.name}/${stream.id}/${shardId}`;
}

/**
 * Stores LATEST (each shard's end offset now) as the starting checkpoint of every shard; closed
 * shards are thereby drained, so their open children start at once.
 */
export async function startAtLatest(options: Pick<KinesisStreamSourceOptions, 'stream' | 'streams' | 'log' | 'store'>): Promise<void> {
  const source = options.streams.require({ streamArn: options.stream.source!.kinesisStreamArn });
  await options.store.commit(
    source.shards
      .filter((shard) => options.log.hasShard(shard.logKey))
      .map((shard) => ({ kind: 'put' as const, collection: DELIVERY_CHECKPOINTS, key: kinesisCheckpointKey(options.stream, shard.shardId), value: options.log.bounds(shard.logKey).endOffset })),
  );
}

export class KinesisStreamSource implements DeliverySource {
  private readonly abort = new AbortController();
  private readonly cursors = new Map<string, ShardCursor>();
  /** Ends an idle wait early (an acknowledgement may have drained a parent shard). */
  private nudge: (() => void) | undefined;

  constructor(private readonly options: KinesisStreamSourceOptions) {}

  private currentStream(): StreamState | undefined {
    try {
      return this.options.streams.require({ streamArn: this.options.stream.source!.kinesisStreamArn });
    } catch {
      return undefined;
    }
  }

  private async cursorFor(shard: ShardState): Promise<ShardCursor> {
    let cursor = this.cursors.get(shard.logKey);
    if (!cursor) {
      const saved = await this.options.store.get<number>(DELIVERY_CHECKPOINTS, kinesisCheckpointKey(this.options.stream, shard.shardId));
      cursor = { next: saved?.value ?? 0, acked: saved?.value ?? 0, batches: new CheckpointedBatches<number>(), format: new SequenceNumberFormatter(shard.index, shard.createdAt), writing: Promise.resolve() };
      this.cursors.set(shard.logKey, cursor);
    }
    return cursor;
  }

  private async readShard(stream: StreamState, shard: ShardState): Promise<SourceBatch | undefined> {
    const cursor = await this.cursorFor(shard);
    if (!this.options.log.hasShard(shard.logKey)) return undefined;
    const { records, nextOffset } = await this.options.log.read(shard.logKey, cursor.next, {
      maxRecords: this.options.maxRecords ?? 500,
      maxBytes: this.options.maxBytes ?? 4 * 1024 * 1024,
    });
    if (records.length === 0) return undefined;
    cursor.next = nextOffset;
    const marker = cursor.batches.push(nextOffset);
    const key = kinesisCheckpointKey(this.options.stream, shard.shardId);
    return {
      records: records.map((r) => {
        const sequenceNumber = cursor.format.format(r.offset, r.timestamp);
        return {
          recordId: `${stream.name}/${shard.shardId}/${sequenceNumber}`,
          data: r.data,
          approximateArrivalTimestamp: r.timestamp,
          kinesis: { shardId: shard.shardId, partitionKey: r.partitionKey, sequenceNumber, subsequenceNumber: 0, approximateArrivalTimestamp: r.timestamp },
        };
      }),
      ack: async () => {
        if (marker.acked) return;
        marker.acked = true;
        const safe = cursor.batches.advance();
        if (safe === undefined) return;
        cursor.acked = safe;
        this.nudge?.();
        cursor.writing = cursor.writing.then(() => this.options.store.commit([{ kind: 'put', collection: DELIVERY_CHECKPOINTS, key, value: safe }]));
        await cursor.writing;
      },
    };
  }

  /** Whether every parent of `shard` that the stream still lists is closed and acknowledged to its end. */
  private async parentsDrained(stream: StreamState, shard: ShardState): Promise<boolean> {
    for (const parentId of [shard.parentShardId, shard.adjacentParentShardId]) {
      if (parentId === undefined) continue;
      const parent = stream.shards.find((s) => s.shardId === parentId);
      if (parent === undefined || !this.options.log.hasShard(parent.logKey)) continue;
      const bounds = this.options.log.bounds(parent.logKey);
      if (parent.endingSequenceNumber === undefined && !bounds.sealed) return false;
      // Records trimmed by retention cannot be waited for.
      if (Math.max((await this.cursorFor(parent)).acked, bounds.startOffset) < bounds.endOffset) return false;
    }
    return true;
  }

  private async idle(stream: StreamState | undefined): Promise<void> {
    const signal = this.abort.signal;
    const waits: Promise<void>[] = [new Promise((resolve) => setTimeout(resolve, RESCAN_MS).unref())];
    const local = new AbortController();
    const stop = (): void => local.abort();
    signal.addEventListener('abort', stop, { once: true });
    for (const shard of stream?.shards ?? []) {
      const cursor = this.cursors.get(shard.logKey);
      if (cursor) waits.push(appendNotifierFor(this.options.log).waitForAppend(shard.logKey, cursor.next, local.signal).catch(() => undefined));
    }
    waits.push(new Promise((resolve) => local.signal.addEventListener('abort', () => resolve(), { once: true })));
    waits.push(new Promise((resolve) => (this.nudge = resolve)));
    await Promise.race(waits);
    this.nudge = undefined;
    local.abort();
    signal.removeEventListener('abort', stop);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<SourceBatch> {
    while (!this.abort.signal.aborted) {
      const stream = this.currentStream();
      let yielded = false;
      for (const shard of stream?.shards ?? []) {
        if (this.abort.signal.aborted) return;
        if (!(await this.parentsDrained(stream!, shard))) continue;
        const batch = await this.readShard(stream!, shard);
        if (batch) {
          yielded = true;
          yield batch;
        }
      }
      if (!yielded) await this.idle(stream);
    }
  }

  async close(): Promise<void> {
    this.abort.abort();
  }
}
