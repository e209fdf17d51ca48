import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../clock.js';
import { MemoryRecordLog } from '../../../test/conformance/kinesis/memory-record-log.js';
import { RetentionSweeper } from './retention-sweeper.js';
import type { StreamState } from './stream-state.js';

const HOUR = 3_600_000;

function streamWith(retentionHours: number, logKeys: string[]): StreamState {
  return {
    name: `s${retentionHours}`, id: `id${retentionHours}`, arn: 'arn', status: 'ACTIVE', mode: 'PROVISIONED', createdAt: 0,
    retentionHours, encryptionType: 'NONE', shardLevelMetrics: [], tags: {}, maxRecordSizeKiB: 1024,
    shards: logKeys.map((logKey, index) => ({ shardId: `shardId-${index}`, index, hashKeyStart: '0', hashKeyEnd: '1', createdAt: 0, logKey })),
  };
}

describe('RetentionSweeper', () => {
  test('sweep trims every shard of every stream to its own retention period', async () => {
    const clock = new ManualClock(0);
    const log = new MemoryRecordLog();
    for (const key of ['a/0', 'a/1', 'b/0']) await log.createShard(key);
    const record = { partitionKey: 'k', data: Buffer.from('x') };
    for (const key of ['a/0', 'a/1', 'b/0']) await log.append(key, [record], 0);
    clock.set(30 * HOUR);
    for (const key of ['a/0', 'a/1', 'b/0']) await log.append(key, [record], clock.now());
    const streams = [streamWith(24, ['a/0', 'a/1', 'missing/0']), streamWith(48, ['b/0'])];
    const errors: unknown[] = [];
    const sweeper = new RetentionSweeper({ streams: { list: () => streams }, log, clock, intervalMs: 60_000, onError: (e) => errors.push(e) });

    await sweeper.sweep();
    assert.equal(log.bounds('a/0').startOffset, 1);
    assert.equal(log.bounds('a/1').startOffset, 1);
    assert.equal(log.bounds('b/0').startOffset, 0);
    clock.set(48 * HOUR + 1);
    await sweeper.sweep();
    assert.equal(log.bounds('b/0').startOffset, 1);
    assert.deepEqual(errors, []);
  });

  test('a failing shard is reported and the sweep goes on', async () => {
    const log = new MemoryRecordLog();
    await log.createShard('a/0');
    await log.createShard('a/1');
    await log.append('a/1', [{ partitionKey: 'k', data: Buffer.alloc(0) }], 0);
    const broken = Object.assign(Object.create(log) as MemoryRecordLog, {
      trimBefore: (shard: string, ts: number) => (shard === 'a/0' ? Promise.reject(new Error('disk')) : log.trimBefore(shard, ts)),
    });
    const errors: unknown[] = [];
    const sweeper = new RetentionSweeper({
      streams: { list: () => [streamWith(24, ['a/0', 'a/1'])] },
      log: broken,
      clock: new ManualClock(25 * HOUR),
      intervalMs: 60_000,
      onError: (e) => errors.push(e),
    });
    await sweeper.sweep();
    assert.equal(errors.length, 1);
    assert.equal(log.bounds('a/1').startOffset, 1);
  });

  test('start and stop are idempotent and leave no timer running', async () => {
    const sweeper = new RetentionSweeper({ streams: { list: () => [] }, log: new MemoryRecordLog(), clock: new ManualClock(), intervalMs: 10 });
    sweeper.start();
    sweeper.start();
    await sweeper.stop();
    await sweeper.stop();
  });
});
