import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HandleCache } from './handle-cache.js';
import { LruCache } from './lru-cache.js';
import { ShardLog } from './shard-log.js';
import type { ShardLogConfig } from './shard-log.js';
import type { SparseIndex } from './sparse-index.js';

function config(segmentBytes: number): ShardLogConfig {
  return { segmentBytes, indexIntervalBytes: 32, fsync: false, handles: new HandleCache(4), indexes: new LruCache<string, Promise<SparseIndex | undefined>>(4) };
}

async function withShard(segmentBytes: number, fn: (shard: ShardLog, dir: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'shard-log-'));
  const shard = await ShardLog.create(root, 's/shardId-0', config(segmentBytes));
  try {
    await fn(shard, join(root, 's/shardId-0'));
  } finally {
    await shard.close();
    await shard.config.handles.closeAll();
    await rm(root, { recursive: true, force: true });
  }
}

// Each record below encodes to 8 + 19 + 2 + 21 = 50 bytes.
const records = (n: number) => Array.from({ length: n }, (_, i) => ({ partitionKey: `k${i % 10}`, data: Buffer.alloc(21, i) }));

async function appendAndCommit(shard: ShardLog, n: number, ts: number) {
  const batch = shard.prepare(records(n), ts);
  await shard.write([batch]);
  shard.commit([batch]);
  return batch;
}

test('prepare assigns consecutive offsets and clamps timestamps before anything is durable', () =>
  withShard(1 << 20, async (shard) => {
    const a = shard.prepare(records(3), 1000);
    const b = shard.prepare(records(2), 900);
    assert.deepEqual([a.firstOffset, a.timestamp, b.firstOffset, b.timestamp], [0, 1000, 3, 1000]);
    assert.equal(shard.nextAssignedOffset, 5);
    assert.equal(shard.endOffset, 0, 'nothing acknowledged yet');
    assert.equal(shard.lastTimestamp, undefined);
    await shard.write([a, b]);
    shard.commit([a, b]);
    assert.equal(shard.endOffset, 5);
    assert.equal(shard.lastTimestamp, 1000);
  }));

test('segments roll at entry boundaries once the next entry would pass segmentBytes', () =>
  withShard(32 + 50 * 4, async (shard, dir) => {
    await appendAndCommit(shard, 10, 1);
    await appendAndCommit(shard, 3, 2);
    assert.deepEqual(shard.segments.map((s) => [s.baseOffset, s.recordCount]), [[0, 4], [4, 4], [8, 4], [12, 1]]);
    assert.deepEqual((await readdir(dir)).sort(), [
      '00000000000000000000.index', '00000000000000000000.log',
      '00000000000000000004.index', '00000000000000000004.log',
      '00000000000000000008.index', '00000000000000000008.log',
      '00000000000000000012.log',
    ]);
    assert.deepEqual(shard.segments.map((s) => s.readableSize === s.size), [true, true, true, true]);
    assert.equal(shard.segments[2]!.lastTimestamp, 2);
  }));

test('an entry larger than a segment gets a segment of its own', () =>
  withShard(64, async (shard) => {
    await appendAndCommit(shard, 3, 1);
    assert.deepEqual(shard.segments.map((s) => s.recordCount), [1, 1, 1]);
  }));

test('trimBefore deletes whole old segments and rolls an idle active segment away', () =>
  withShard(32 + 50 * 4, async (shard, dir) => {
    await appendAndCommit(shard, 8, 100);
    await appendAndCommit(shard, 4, 200);
    await shard.trimBefore(150);
    assert.deepEqual(shard.segments.map((s) => s.baseOffset), [8]);
    assert.equal(shard.startOffset, 8);
    await shard.trimBefore(201);
    assert.deepEqual(shard.segments.map((s) => [s.baseOffset, s.recordCount]), [[12, 0]]);
    assert.deepEqual([shard.startOffset, shard.endOffset, shard.lastTimestamp], [12, 12, 200]);
    assert.deepEqual(await readdir(dir), ['00000000000000000012.log']);
    const next = await appendAndCommit(shard, 1, 50);
    assert.deepEqual([next.firstOffset, next.timestamp], [12, 200]);
  }));

test('a failed shard rejects further writes with the first error', () =>
  withShard(1 << 20, async (shard) => {
    shard.fail(new Error('EIO'));
    shard.fail(new Error('later'));
    await assert.rejects(shard.write([shard.prepare(records(1), 1)]), { message: 'EIO' });
  }));
