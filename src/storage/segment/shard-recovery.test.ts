import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HandleCache } from './handle-cache.js';
import { LruCache } from './lru-cache.js';
import { ShardLog } from './shard-log.js';
import type { ShardLogConfig } from './shard-log.js';
import { openShard } from './shard-recovery.js';
import type { SparseIndex } from './sparse-index.js';

const KEY = 's/shardId-0';

function config(): ShardLogConfig {
  return { segmentBytes: 32 + 50 * 4, indexIntervalBytes: 32, fsync: false, handles: new HandleCache(4), indexes: new LruCache<string, Promise<SparseIndex | undefined>>(4) };
}

const records = (n: number) => Array.from({ length: n }, (_, i) => ({ partitionKey: `k${i % 10}`, data: Buffer.alloc(21, i) }));

async function withStoredShard(fn: (root: string, dir: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'shard-recovery-'));
  try {
    const shard = await ShardLog.create(root, KEY, config());
    for (let i = 0; i < 4; i++) {
      const batch = shard.prepare(records(4), 1000 + i);
      await shard.write([batch]);
      shard.commit([batch]);
    }
    await shard.seal();
    await shard.close();
    await fn(root, join(root, KEY));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

test('a clean shard reopens with its segments, bounds and seal', () =>
  withStoredShard(async (root) => {
    const shard = await openShard(root, KEY, config());
    assert.deepEqual(shard.segments.map((s) => [s.baseOffset, s.recordCount, s.active]), [[0, 4, false], [4, 4, false], [8, 4, false], [12, 4, true]]);
    assert.deepEqual([shard.startOffset, shard.endOffset, shard.lastTimestamp, shard.sealed], [0, 16, 1003, true]);
    assert.equal(shard.segments[1]!.indexSummary?.recordCount, 4);
    await shard.close();
  }));

test('segments after a gap in offsets are deleted; the last kept one becomes active', () =>
  withStoredShard(async (root, dir) => {
    await rm(join(dir, '00000000000000000004.log'));
    const shard = await openShard(root, KEY, config());
    assert.deepEqual(shard.segments.map((s) => [s.baseOffset, s.active]), [[0, true]]);
    assert.equal(shard.endOffset, 4);
    assert.deepEqual((await readdir(dir)).sort(), ['00000000000000000000.log', 'sealed']);
    await shard.close();
  }));

test('an index file of another segment or an empty one is ignored and rebuilt', () =>
  withStoredShard(async (root, dir) => {
    await rename(join(dir, '00000000000000000000.index'), join(dir, '00000000000000000004.index.keep'));
    await rm(join(dir, '00000000000000000004.index'));
    await rename(join(dir, '00000000000000000004.index.keep'), join(dir, '00000000000000000004.index'));
    await writeFile(join(dir, '00000000000000000000.index'), '');
    const shard = await openShard(root, KEY, config());
    assert.equal(shard.endOffset, 16);
    assert.deepEqual(shard.segments.map((s) => s.indexSummary?.baseOffset), [0, 4, 8, undefined]);
    await shard.close();
  }));

test('a shard whose only segment is unreadable restarts empty at that base offset', () =>
  withStoredShard(async (root, dir) => {
    for (const name of await readdir(dir)) await rm(join(dir, name));
    await writeFile(join(dir, '00000000000000000008.log'), Buffer.alloc(5));
    const shard = await openShard(root, KEY, config());
    assert.deepEqual([shard.startOffset, shard.endOffset, shard.sealed], [8, 8, false]);
    await shard.close();
  }));
