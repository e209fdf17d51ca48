// SegmentRecordLog: the embedded RecordLog. One directory per shard under `dir`, each an ordered
// set of segment files (Kafka's log design); appends from every shard share one group commit.
// This facade validates calls and routes them; the units below it do the work.
import { mkdir, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ShardNotFoundError, ShardSealedError } from '../record-log.js';
import type { AppendRecord, AppendResult, ReadOptions, ReadResult, RecordLog, ShardBounds } from '../record-log.js';
import { GroupCommit } from './group-commit.js';
import { HandleCache } from './handle-cache.js';
import { LruCache } from './lru-cache.js';
import { InvalidShardKeyError, LogClosedError } from './segment-errors.js';
import { assertShardKey } from './shard-key.js';
import { findShardKeys } from './shard-discovery.js';
import { ShardLog } from './shard-log.js';
import type { ShardLogConfig } from './shard-log.js';
import { offsetForTimestamp, readShard } from './shard-reader.js';
import { ReadChunkPool } from './read-chunk-pool.js';
import { openShard } from './shard-recovery.js';
import type { SparseIndex } from './sparse-index.js';

export interface SegmentRecordLogOptions {
  /** Root directory; created when missing. */
  readonly dir: string;
  /** A segment rolls once adding an entry would exceed this size (default 64 MiB, max 1 GiB). */
  readonly segmentBytes?: number;
  /** Bytes of log between two sparse index entries (default 4096). */
  readonly indexIntervalBytes?: number;
  /** fdatasync before acknowledging appends (default true). */
  readonly fsync?: boolean;
  /** Bound on bytes of appends queued but not yet durable; callers wait beyond it (default 64 MiB). */
  readonly maxPendingBytes?: number;
  /** Read file handles kept open across all shards (default 128). */
  readonly maxOpenFiles?: number;
  /** Sealed segments' indexes kept in memory across all shards (default 64). */
  readonly maxCachedIndexes?: number;
  /** Memory of released reads kept for reuse by later reads (default 32 MiB; 0: none). */
  readonly maxReusedReadBytes?: number;
}

const TRASH = '.trash';

export class SegmentRecordLog implements RecordLog {
  private readonly dir: string;
  private readonly config: ShardLogConfig;
  private readonly group: GroupCommit;
  private readonly shards = new Map<string, ShardLog>();
  private readonly creating = new Map<string, Promise<void>>();
  private readonly deleting = new Map<string, Promise<void>>();
  private state: 'new' | 'open' | 'closed' = 'new';

  constructor(options: SegmentRecordLogOptions) {
    const segmentBytes = options.segmentBytes ?? 64 * 1024 * 1024;
    if (!(segmentBytes >= 64 && segmentBytes <= 1024 * 1024 * 1024)) throw new RangeError('segmentBytes must be between 64 B and 1 GiB');
    this.dir = options.dir;
    const fsync = options.fsync ?? true;
    this.config = {
      segmentBytes,
      indexIntervalBytes: Math.max(1, options.indexIntervalBytes ?? 4096),
      fsync,
      handles: new HandleCache(options.maxOpenFiles ?? 128),
      indexes: new LruCache<string, Promise<SparseIndex | undefined>>(options.maxCachedIndexes ?? 64),
      readChunks: new ReadChunkPool(options.maxReusedReadBytes ?? 32 * 1024 * 1024),
    };
    this.group = new GroupCommit({ fsync, maxPendingBytes: options.maxPendingBytes ?? 64 * 1024 * 1024 });
  }

  async open(): Promise<void> {
    if (this.state !== 'new') throw new LogClosedError();
    await mkdir(this.dir, { recursive: true });
    await rm(join(this.dir, TRASH), { recursive: true, force: true });
    for (const key of await findShardKeys(this.dir)) {
      this.shards.set(key, await openShard(this.dir, key, this.config));
    }
    this.state = 'open';
  }

  async createShard(shard: string): Promise<void> {
    this.assertOpen();
    assertShardKey(shard);
    await this.deleting.get(shard);
    if (this.shards.has(shard)) return;
    for (const key of this.shards.keys()) {
      if (key.startsWith(`${shard}/`) || shard.startsWith(`${key}/`)) throw new InvalidShardKeyError(shard);
    }
    let creating = this.creating.get(shard);
    if (creating === undefined) {
      creating = ShardLog.create(this.dir, shard, this.config).then((log) => void this.shards.set(shard, log));
      this.creating.set(shard, creating);
      void creating.finally(() => this.creating.delete(shard)).catch(() => undefined);
    }
    await creating;
  }

  hasShard(shard: string): boolean {
    return this.shards.has(shard);
  }

  listShards(): string[] {
    return [...this.shards.keys()];
  }

  async append(shard: string, records: readonly AppendRecord[], timestamp: number): Promise<AppendResult> {
    if (!Number.isFinite(timestamp)) throw new RangeError('timestamp must be a finite number');
    this.assertOpen();
    let log = this.writable(shard);
    if (records.length === 0) return { firstOffset: log.nextAssignedOffset, timestamp: log.clampTimestamp(timestamp) };
    let reserved = 0;
    for (const r of records) reserved += r.data.length + r.partitionKey.length * 3 + 64;
    const wait = this.group.admit(reserved);
    if (wait !== undefined) {
      await wait;
      try {
        log = this.writable(shard);
      } catch (err) {
        this.group.release(reserved);
        throw err;
      }
    }
    let batch;
    try {
      batch = log.prepare(records, timestamp);
    } catch (err) {
      this.group.release(reserved);
      throw err;
    }
    await this.group.submit(log, batch, reserved);
    return { firstOffset: batch.firstOffset, timestamp: batch.timestamp };
  }

  async read(shard: string, fromOffset: number, options: ReadOptions): Promise<ReadResult> {
    return readShard(this.require(shard), fromOffset, options);
  }

  async offsetForTimestamp(shard: string, timestamp: number): Promise<number> {
    return offsetForTimestamp(this.require(shard), timestamp);
  }

  bounds(shard: string): ShardBounds {
    const log = this.require(shard);
    return { startOffset: log.startOffset, endOffset: log.endOffset, lastTimestamp: log.lastTimestamp, sealed: log.sealed };
  }

  async trimBefore(shard: string, timestamp: number): Promise<void> {
    const log = this.require(shard);
    await this.group.exclusive(async () => {
      if (!log.deleted && log.failure === undefined) await log.trimBefore(timestamp);
    });
  }

  async seal(shard: string): Promise<void> {
    const log = this.require(shard);
    log.sealed = true;
    await this.group.sync();
    await this.group.exclusive(async () => {
      if (!log.deleted) await log.seal();
    });
  }

  async deleteShard(shard: string): Promise<void> {
    this.assertOpen();
    await this.creating.get(shard)?.catch(() => undefined);
    const pending = this.deleting.get(shard);
    if (pending !== undefined) return pending;
    const log = this.shards.get(shard);
    if (log === undefined) return;
    this.shards.delete(shard);
    const deleting = this.destroy(log);
    this.deleting.set(shard, deleting);
    try {
      await deleting;
    } finally {
      this.deleting.delete(shard);
    }
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    await this.group.close();
    await Promise.all([...this.shards.values()].map((s) => s.close()));
    this.shards.clear();
    await this.config.handles.closeAll();
    this.config.indexes.clear();
  }

  private async destroy(log: ShardLog): Promise<void> {
    log.deleted = true;
    await this.group.sync();
    const trash = join(this.dir, TRASH);
    await mkdir(trash, { recursive: true });
    await this.group.exclusive(() => log.destroy(join(trash, randomBytes(8).toString('hex'))));
    for (let d = dirname(log.dir); d.length > this.dir.length; d = dirname(d)) {
      if (!(await rmdir(d).then(() => true, () => false))) break;
    }
  }

  private assertOpen(): void {
    if (this.state !== 'open') throw new LogClosedError();
  }

  private require(shard: string): ShardLog {
    this.assertOpen();
    const log = this.shards.get(shard);
    if (log === undefined) throw new ShardNotFoundError(shard);
    return log;
  }

  private writable(shard: string): ShardLog {
    const log = this.require(shard);
    if (log.sealed) throw new ShardSealedError(shard);
    if (log.failure !== undefined) throw log.failure;
    return log;
  }
}
