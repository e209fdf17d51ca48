// MemoryRecordLog: a RecordLog kept in arrays, for data-plane tests and the put-path benchmark.
// Keeps the interface's invariants (offsets, clamped timestamps, at-least-one read) and can be
// told to fail appends to a shard, to exercise partial failures.

import type { AppendRecord, AppendResult, ReadOptions, ReadResult, RecordLog, ShardBounds, StoredRecord } from '../../../src/storage/record-log.js';
import { ShardNotFoundError, ShardSealedError } from '../../../src/storage/record-log.js';

interface MemoryShard {
  records: StoredRecord[];
  /** Offset of records[0]. */
  startOffset: number;
  lastTimestamp: number | undefined;
  sealed: boolean;
}

export class MemoryRecordLog implements RecordLog {
  private readonly shards = new Map<string, MemoryShard>();
  /** Shard keys whose appends reject (test hook). */
  readonly failingShards = new Set<string>();

  async open(): Promise<void> {}

  async createShard(shard: string): Promise<void> {
    if (!this.shards.has(shard)) this.shards.set(shard, { records: [], startOffset: 0, lastTimestamp: undefined, sealed: false });
  }

  hasShard(shard: string): boolean {
    return this.shards.has(shard);
  }

  listShards(): string[] {
    return [...this.shards.keys()];
  }

  async append(shard: string, records: readonly AppendRecord[], timestamp: number): Promise<AppendResult> {
    const s = this.get(shard);
    if (s.sealed) throw new ShardSealedError(shard);
    if (this.failingShards.has(shard)) throw new Error(`injected append failure on ${shard}`);
    const stamp = s.lastTimestamp !== undefined && s.lastTimestamp > timestamp ? s.lastTimestamp : timestamp;
    const firstOffset = s.startOffset + s.records.length;
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      const stored: StoredRecord = {
        offset: firstOffset + i,
        timestamp: stamp,
        partitionKey: r.partitionKey,
        data: Buffer.from(r.data),
        ...(r.explicitHashKey !== undefined && { explicitHashKey: r.explicitHashKey }),
      };
      s.records.push(stored);
    }
    s.lastTimestamp = stamp;
    return { firstOffset, timestamp: stamp };
  }

  async read(shard: string, fromOffset: number, options: ReadOptions): Promise<ReadResult> {
    const s = this.get(shard);
    const start = Math.max(fromOffset, s.startOffset);
    const out: StoredRecord[] = [];
    let bytes = 0;
    for (let i = start - s.startOffset; i < s.records.length && out.length < options.maxRecords; i++) {
      const r = s.records[i]!;
      if (out.length > 0 && bytes + r.data.length > options.maxBytes) break;
      bytes += r.data.length;
      out.push(r);
    }
    return { records: out, nextOffset: out.length > 0 ? out[out.length - 1]!.offset + 1 : start };
  }

  async offsetForTimestamp(shard: string, timestamp: number): Promise<number> {
    const s = this.get(shard);
    let lo = 0;
    let hi = s.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s.records[mid]!.timestamp < timestamp) lo = mid + 1;
      else hi = mid;
    }
    return s.startOffset + lo;
  }

  bounds(shard: string): ShardBounds {
    const s = this.get(shard);
    return { startOffset: s.startOffset, endOffset: s.startOffset + s.records.length, lastTimestamp: s.lastTimestamp, sealed: s.sealed };
  }

  /** Drops exactly the records older than `timestamp` (a segment log drops whole segments). */
  async trimBefore(shard: string, timestamp: number): Promise<void> {
    const s = this.get(shard);
    let drop = 0;
    while (drop < s.records.length && s.records[drop]!.timestamp < timestamp) drop++;
    s.records.splice(0, drop);
    s.startOffset += drop;
  }

  async seal(shard: string): Promise<void> {
    this.get(shard).sealed = true;
  }

  async deleteShard(shard: string): Promise<void> {
    this.shards.delete(shard);
  }

  async close(): Promise<void> {}

  private get(shard: string): MemoryShard {
    const s = this.shards.get(shard);
    if (s === undefined) throw new ShardNotFoundError(shard);
    return s;
  }
}
