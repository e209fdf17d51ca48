// The log of one shard: an ordered list of segments in `<root>/<shard key>/`, the last one active.
// Offsets and timestamps are assigned when an append is queued; `endOffset`/`lastTimestamp` only
// move when the group commit acknowledges a round, so readers never see unacknowledged records.
import { mkdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { encodeBatch } from './entry-codec.js';
import type { EncodedBatch } from './entry-codec.js';
import type { AppendRecord } from '../record-log.js';
import type { HandleCache } from './handle-cache.js';
import type { LruCache } from './lru-cache.js';
import { readIndexFile } from './index-file.js';
import { Segment } from './segment.js';
import { SEALED_MARKER, fsyncDirectory } from './segment-files.js';
import type { ReadChunkPool } from './read-chunk-pool.js';
import type { SparseIndex } from './sparse-index.js';

/** Settings and shared caches every shard of one log uses. */
export interface ShardLogConfig {
  readonly segmentBytes: number;
  readonly indexIntervalBytes: number;
  readonly fsync: boolean;
  readonly handles: HandleCache;
  /** Sealed segments' indexes by index file path, loaded lazily. */
  readonly indexes: LruCache<string, Promise<SparseIndex | undefined>>;
  /** Memory for reads whose caller releases it (ReadResult.release); plain allocations without. */
  readonly readChunks?: ReadChunkPool;
}

/** What recovery (or creation) found on disk. */
export interface ShardLogState {
  readonly segments: Segment[];
  readonly sealed: boolean;
  /** Timestamp of the last stored record, including ones in segments already trimmed. */
  readonly lastTimestamp: number | undefined;
}

export class ShardLog {
  readonly segments: Segment[];
  sealed: boolean;
  deleted = false;
  /** Set when a write or sync failed: the file state is unknown until the log is reopened. */
  failure: Error | undefined;
  /** Offset and timestamp of acknowledged records (what readers and bounds() see). */
  endOffset: number;
  lastTimestamp: number | undefined;
  private nextOffset: number;
  private assignedTimestamp: number | undefined;
  private writtenTimestamp: number | undefined;

  constructor(readonly key: string, readonly dir: string, readonly config: ShardLogConfig, state: ShardLogState) {
    this.segments = state.segments;
    this.sealed = state.sealed;
    this.endOffset = this.active.endOffset;
    this.nextOffset = this.endOffset;
    this.lastTimestamp = state.lastTimestamp;
    this.assignedTimestamp = state.lastTimestamp;
    this.writtenTimestamp = state.lastTimestamp;
  }

  /** Creates the directory and the first, empty segment (base offset 0), durably. */
  static async create(root: string, key: string, config: ShardLogConfig): Promise<ShardLog> {
    const dir = join(root, key);
    await mkdir(dir, { recursive: true });
    const segment = await Segment.create(dir, 0, undefined, config.indexIntervalBytes, config.fsync);
    if (config.fsync) {
      for (let d = dir; d.length >= root.length; d = dirname(d)) await fsyncDirectory(d);
    }
    return new ShardLog(key, dir, config, { segments: [segment], sealed: false, lastTimestamp: undefined });
  }

  get startOffset(): number {
    return this.segments[0]!.baseOffset;
  }

  get active(): Segment {
    return this.segments[this.segments.length - 1]!;
  }

  /** Offset the next queued record will get (ahead of endOffset while appends are in flight). */
  get nextAssignedOffset(): number {
    return this.nextOffset;
  }

  /** The timestamp a record appended now at `timestamp` is stored with: never below an earlier one. */
  clampTimestamp(timestamp: number): number {
    return Math.max(Math.floor(timestamp), this.assignedTimestamp ?? 0, 0);
  }

  /** Assigns offsets and the (clamped) timestamp to a batch and encodes it; nothing is written yet. */
  prepare(records: readonly AppendRecord[], timestamp: number): EncodedBatch {
    const ts = this.clampTimestamp(timestamp);
    const batch = encodeBatch(records, this.nextOffset, ts);
    this.nextOffset += records.length;
    this.assignedTimestamp = ts;
    return batch;
  }

  /** Writes queued batches (one writev per segment), rolling segments as they fill. Returns the
   *  segments whose new bytes still need an fdatasync. */
  async write(batches: readonly EncodedBatch[]): Promise<Segment[]> {
    if (this.failure !== undefined) throw this.failure;
    const limit = this.config.segmentBytes;
    const dirty = [this.active];
    for (const batch of batches) {
      const ends = batch.entryEnds;
      let from = 0;
      while (from < ends.length) {
        const seg = this.active;
        let to = from;
        let start = from === 0 ? 0 : ends[from - 1]!;
        if (seg.size + batch.buffer.length - start <= limit) to = ends.length;
        else {
          let size = seg.size;
          let count = seg.recordCount;
          while (to < ends.length && (count === 0 || size + ends[to]! - start <= limit)) {
            size += ends[to]! - start;
            start = ends[to]!;
            count++;
            to++;
          }
        }
        if (to > from) seg.stage(batch, from, to);
        this.writtenTimestamp = batch.timestamp;
        from = to;
        if (from < ends.length) dirty.push(await this.roll());
      }
    }
    await this.active.writeStaged();
    return dirty.filter((s) => s.active);
  }

  /** Acknowledges written and synced batches: readers and bounds() now see them. */
  commit(batches: readonly EncodedBatch[]): void {
    const last = batches[batches.length - 1];
    if (last === undefined) return;
    this.endOffset = last.firstOffset + last.entryEnds.length;
    this.lastTimestamp = last.timestamp;
    for (let i = this.segments.length - 1; i >= 0 && this.segments[i]!.readableSize < this.segments[i]!.size; i--) {
      this.segments[i]!.readableSize = this.segments[i]!.size;
    }
  }

  /** Records a failed write or sync; later appends fail until the log is reopened and recovered. */
  fail(err: Error): void {
    this.failure ??= err;
  }

  /** The sparse index of a segment: in memory when active, else loaded through the LRU cache. */
  indexFor(segment: Segment): Promise<SparseIndex | undefined> | SparseIndex | undefined {
    if (segment.index !== undefined) return segment.index;
    const summary = segment.indexSummary;
    if (summary === undefined || this.deleted) return undefined;
    let loading = this.config.indexes.get(segment.indexPath);
    if (loading === undefined) {
      loading = readIndexFile(segment.indexPath, summary, this.config.indexIntervalBytes).catch(() => undefined);
      this.config.indexes.set(segment.indexPath, loading);
    }
    return loading;
  }

  /** Writes the `sealed` marker durably. Call with no round in flight. */
  async seal(): Promise<void> {
    this.sealed = true;
    await writeFile(join(this.dir, SEALED_MARKER), '');
    if (this.config.fsync) await fsyncDirectory(this.dir);
  }

  /**
   * Deletes whole segments whose last record is older than `timestamp`. The active segment is
   * never deleted in place: when it too is entirely older, a new empty segment starting at
   * endOffset is rolled first, so the shard becomes empty with startOffset = endOffset.
   * Call with no round in flight (written == acknowledged).
   */
  async trimBefore(timestamp: number): Promise<void> {
    const active = this.active;
    if (active.recordCount > 0 && active.lastTimestamp! < timestamp) await this.roll();
    while (this.segments.length > 1 && this.segments[0]!.lastTimestamp! < timestamp) {
      await this.removeSegment(this.segments.shift()!);
    }
  }

  /**
   * Closes the write handle (pending batches must have been flushed). A clean close also saves
   * the active segment's index, so the next open loads it instead of scanning the segment.
   */
  async close(saveIndex = true): Promise<void> {
    const active = this.active;
    if (saveIndex && active.active && this.failure === undefined) await active.writeIndex(this.config.fsync);
    await active.closeWriter();
  }

  /**
   * Forgets cached handles and indexes, then moves the directory to `trashDir` (one atomic
   * rename, so a crash never leaves half a shard behind) and removes it.
   */
  async destroy(trashDir: string): Promise<void> {
    this.deleted = true;
    await this.close(false);
    await rename(this.dir, trashDir);
    for (const s of this.segments) this.forget(s);
    if (this.config.fsync) await fsyncDirectory(dirname(this.dir));
    await rm(trashDir, { recursive: true, force: true });
  }

  private async roll(): Promise<Segment> {
    const old = this.active;
    await old.writeStaged();
    if (this.config.fsync) await old.sync();
    const index = await old.seal(this.config.fsync);
    this.config.indexes.set(old.indexPath, Promise.resolve(index));
    const next = await Segment.create(this.dir, old.endOffset, this.writtenTimestamp, this.config.indexIntervalBytes, this.config.fsync);
    if (this.config.fsync) await fsyncDirectory(this.dir);
    this.segments.push(next);
    return next;
  }

  private async removeSegment(segment: Segment): Promise<void> {
    await unlink(segment.logPath).catch(ignoreMissing);
    await unlink(segment.indexPath).catch(ignoreMissing);
    this.forget(segment);
  }

  private forget(segment: Segment): void {
    this.config.handles.evict(segment.logPath);
    this.config.indexes.delete(segment.indexPath);
  }
}

function ignoreMissing(err: NodeJS.ErrnoException): void {
  if (err.code !== 'ENOENT') throw err;
}
