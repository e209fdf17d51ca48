import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SegmentRecordLog } from './segment-record-log.js';
import type { SegmentRecordLogOptions } from './segment-record-log.js';
import { InvalidShardKeyError, LogClosedError } from './segment-errors.js';

const KEY = 'a1b2c3/shardId-000000000000';

async function withLog(options: Omit<SegmentRecordLogOptions, 'dir'>, fn: (log: SegmentRecordLog, dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'segment-record-log-'));
  const log = new SegmentRecordLog({ ...options, dir });
  await log.open();
  try {
    await fn(log, dir);
  } finally {
    await log.close();
    await rm(dir, { recursive: true, force: true });
  }
}

test('shards live in <dir>/<shard key>/ with segments named by base offset and a sealed marker', () =>
  withLog({ segmentBytes: 32 + 2 * 88 }, async (log, dir) => {
    await log.createShard(KEY);
    await log.append(KEY, Array.from({ length: 6 }, (_, i) => ({ partitionKey: 'k', data: Buffer.alloc(60, i) })), 1);
    await log.seal(KEY);
    assert.deepEqual(await readdir(dir), ['a1b2c3']);
    assert.deepEqual((await readdir(join(dir, KEY))).sort(), [
      '00000000000000000000.index', '00000000000000000000.log',
      '00000000000000000002.index', '00000000000000000002.log',
      '00000000000000000004.log', 'sealed',
    ]);
  }));

test('shard keys outside the safe alphabet are rejected', () =>
  withLog({}, async (log) => {
    for (const bad of ['../escape', 'a//b', '/abs', 'x y', '']) await assert.rejects(log.createShard(bad), InvalidShardKeyError);
    assert.equal(log.hasShard('../escape'), false);
    await log.createShard('a/b');
    await assert.rejects(log.createShard('a'), InvalidShardKeyError, 'a shard directory cannot hold another shard');
    await assert.rejects(log.createShard('a/b/c'), InvalidShardKeyError);
  }));

test('calls before open and after close fail with LogClosedError', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'segment-record-log-'));
  try {
    const log = new SegmentRecordLog({ dir });
    await assert.rejects(log.createShard(KEY), LogClosedError);
    await log.open();
    await log.createShard(KEY);
    await log.close();
    await log.close();
    await assert.rejects(log.append(KEY, [{ partitionKey: 'k', data: Buffer.alloc(1) }], 1), LogClosedError);
    await assert.rejects(log.read(KEY, 0, { maxRecords: 1, maxBytes: 1 }), LogClosedError);
    assert.throws(() => log.bounds(KEY), LogClosedError);
    await assert.rejects(log.open(), LogClosedError);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('deleteShard removes the shard directory and its parent once empty', () =>
  withLog({}, async (log, dir) => {
    const other = 'a1b2c3/shardId-000000000001';
    await log.createShard(KEY);
    await log.createShard(other);
    await log.append(KEY, [{ partitionKey: 'k', data: Buffer.alloc(10) }], 1);
    await log.deleteShard(KEY);
    assert.deepEqual(await readdir(join(dir, 'a1b2c3')), ['shardId-000000000001']);
    await log.deleteShard(other);
    assert.deepEqual((await readdir(dir)).filter((n) => n !== '.trash'), []);
    assert.deepEqual(await readdir(join(dir, '.trash')), []);
  }));

test('create and delete of one key in any interleaving leave a consistent shard', () =>
  withLog({}, async (log) => {
    await Promise.all([log.createShard(KEY), log.deleteShard(KEY), log.createShard(KEY)]);
    assert.equal(log.hasShard(KEY), true);
    assert.equal((await log.append(KEY, [{ partitionKey: 'k', data: Buffer.alloc(1) }], 1)).firstOffset, 0);
    assert.ok((await stat(join((log as unknown as { dir: string }).dir, KEY))).isDirectory());
  }));

test('appends beyond the pending-bytes bound wait their turn and all complete in order', () =>
  withLog({ maxPendingBytes: 4096 }, async (log) => {
    await log.createShard(KEY);
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => log.append(KEY, [{ partitionKey: `k${i}`, data: Buffer.alloc(1500, i) }], 1)));
    assert.deepEqual(results.map((r) => r.firstOffset), Array.from({ length: 40 }, (_, i) => i));
    const { records } = await log.read(KEY, 0, { maxRecords: 100, maxBytes: 1 << 20 });
    assert.deepEqual(records.map((r) => [r.partitionKey, r.data[0]]), Array.from({ length: 40 }, (_, i) => [`k${i}`, i]));
  }));

test('an empty append stores nothing and reports the next offset', () =>
  withLog({}, async (log) => {
    await log.createShard(KEY);
    await log.append(KEY, [{ partitionKey: 'k', data: Buffer.alloc(1) }], 50);
    assert.deepEqual(await log.append(KEY, [], 10), { firstOffset: 1, timestamp: 50 });
    assert.equal(log.bounds(KEY).endOffset, 1);
    await assert.rejects(log.append(KEY, [], Number.NaN), RangeError);
  }));
