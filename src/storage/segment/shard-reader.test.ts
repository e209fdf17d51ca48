import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HandleCache } from './handle-cache.js';
import { LruCache } from './lru-cache.js';
import { ShardLog } from './shard-log.js';
import { offsetForTimestamp, readShard } from './shard-reader.js';
import type { SparseIndex } from './sparse-index.js';

async function withShard(fn: (shard: ShardLog) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'shard-reader-'));
  const config = { segmentBytes: 500, indexIntervalBytes: 100, fsync: false, handles: new HandleCache(1), indexes: new LruCache<string, Promise<SparseIndex | undefined>>(1) };
  const shard = await ShardLog.create(root, 's/shardId-0', config);
  try {
    for (let i = 0; i < 50; i++) {
      const batch = shard.prepare([{ partitionKey: `k${i}`, data: Buffer.alloc(40, i) }, { partitionKey: `j${i}`, data: Buffer.alloc(10, i) }], 1000 + i * 10);
      await shard.write([batch]);
      shard.commit([batch]);
    }
    await fn(shard);
  } finally {
    await shard.close();
    await config.handles.closeAll();
    await rm(root, { recursive: true, force: true });
  }
}

test('reads from any offset across many segments with a one-entry index and handle cache', () =>
  withShard(async (shard) => {
    assert.ok(shard.segments.length > 10);
    assert.ok(shard.segments.slice(0, -1).every((s) => s.index === undefined), 'only the active segment keeps its index in memory');
    for (const from of [0, 1, 7, 33, 64, 99]) {
      const { records, nextOffset } = await readShard(shard, from, { maxRecords: 5, maxBytes: 1 << 20 });
      assert.deepEqual(records.map((r) => r.offset), Array.from({ length: Math.min(5, 100 - from) }, (_, i) => from + i));
      assert.equal(records[0]!.partitionKey, `${from % 2 === 0 ? 'k' : 'j'}${Math.floor(from / 2)}`);
      assert.equal(nextOffset, Math.min(from + 5, 100));
    }
    const all = await readShard(shard, 0, { maxRecords: 1000, maxBytes: 1 << 20 });
    assert.equal(all.records.length, 100);
    assert.equal(shard.config.handles.size <= 1, true);
  }));

test('reads never pass the acknowledged end, even when more is written', () =>
  withShard(async (shard) => {
    const batch = shard.prepare([{ partitionKey: 'late', data: Buffer.alloc(5) }], 5000);
    await shard.write([batch]);
    assert.equal((await readShard(shard, 95, { maxRecords: 100, maxBytes: 1 << 20 })).records.length, 5);
    shard.commit([batch]);
    assert.equal((await readShard(shard, 95, { maxRecords: 100, maxBytes: 1 << 20 })).records.length, 6);
  }));

test('offsetForTimestamp searches segments by their last timestamp, then the index', () =>
  withShard(async (shard) => {
    assert.equal(await offsetForTimestamp(shard, 0), 0);
    assert.equal(await offsetForTimestamp(shard, 1000), 0);
    assert.equal(await offsetForTimestamp(shard, 1001), 2);
    assert.equal(await offsetForTimestamp(shard, 1255), 52);
    assert.equal(await offsetForTimestamp(shard, 1490), 98);
    assert.equal(await offsetForTimestamp(shard, 1491), 100);
  }));

test('after a trim, reads and time lookups start at the new start offset', () =>
  withShard(async (shard) => {
    await shard.trimBefore(1200);
    const start = shard.startOffset;
    assert.ok(start > 0 && start <= 40);
    assert.equal((await readShard(shard, 0, { maxRecords: 1, maxBytes: 1 })).records[0]!.offset, start);
    assert.equal(await offsetForTimestamp(shard, 0), start);
  }));

test('reads racing with retention return contiguous records, never a gap', () =>
  withShard(async (shard) => {
    for (let t = 1000; t <= 1500; t += 25) {
      const [result] = await Promise.all([readShard(shard, 0, { maxRecords: 1000, maxBytes: 1 << 20 }), shard.trimBefore(t)]);
      const offsets = result.records.map((r) => r.offset);
      assert.deepEqual(offsets, offsets.map((_, i) => offsets[0]! + i));
      assert.equal(result.nextOffset, offsets.length > 0 ? offsets.at(-1)! + 1 : shard.startOffset);
    }
  }));
