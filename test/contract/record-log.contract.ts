// The behavioural contract every RecordLog backend must pass (segment files now, NATS JetStream
// later). A backend test file calls runRecordLogContract with a factory. Nothing here depends on
// how a backend groups records into units (segments, blocks): trim assertions only use bounds.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ShardNotFoundError, ShardSealedError } from '../../src/storage/record-log.js';
import type { AppendRecord, RecordLog, StoredRecord } from '../../src/storage/record-log.js';

export interface RecordLogFixture {
  /** A fresh, opened, empty log. */
  readonly log: RecordLog;
  /** Closes the current log (flushing it) and opens a new instance over the same storage. */
  readonly reopen: () => Promise<RecordLog>;
  /** Closes whatever is still open and removes the storage. */
  readonly cleanup: () => Promise<void>;
}

const S = 'stream0001/shardId-000000000000';
const T0 = 1_700_000_000_000;

function rec(i: number, extra: Partial<AppendRecord> = {}): AppendRecord {
  return { partitionKey: `pk-${i}`, data: Buffer.from(`record-${i}`), ...extra };
}

function recs(from: number, n: number): AppendRecord[] {
  return Array.from({ length: n }, (_, i) => rec(from + i));
}

/** Reads a whole shard from `from` in pages of `page` records. */
async function readAll(log: RecordLog, shard: string, from = 0, page = 1000): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  for (;;) {
    const { records, nextOffset } = await log.read(shard, from, { maxRecords: page, maxBytes: 1 << 30 });
    if (records.length === 0) return out;
    out.push(...records);
    from = nextOffset;
  }
}

export function runRecordLogContract(name: string, factory: () => Promise<RecordLogFixture>): void {
  async function withLog(fn: (log: RecordLog, fixture: RecordLogFixture) => Promise<void>): Promise<void> {
    const fixture = await factory();
    try {
      await fn(fixture.log, fixture);
    } finally {
      await fixture.cleanup();
    }
  }

  describe(`RecordLog contract: ${name}`, () => {
    test('a new shard is empty, unsealed and has no last timestamp', () =>
      withLog(async (log) => {
        await log.createShard(S);
        assert.deepEqual(log.bounds(S), { startOffset: 0, endOffset: 0, lastTimestamp: undefined, sealed: false });
        assert.deepEqual(await log.read(S, 0, { maxRecords: 10, maxBytes: 1000 }), { records: [], nextOffset: 0 });
      }));

    test('createShard is idempotent and keeps existing records', () =>
      withLog(async (log) => {
        await Promise.all([log.createShard(S), log.createShard(S)]);
        await log.append(S, recs(0, 2), T0);
        await log.createShard(S);
        assert.equal(log.bounds(S).endOffset, 2);
      }));

    test('hasShard and listShards follow creation and deletion', () =>
      withLog(async (log) => {
        assert.equal(log.hasShard(S), false);
        assert.deepEqual(log.listShards(), []);
        await log.createShard(S);
        await log.createShard('stream0001/shardId-000000000001');
        assert.equal(log.hasShard(S), true);
        assert.deepEqual(log.listShards().sort(), [S, 'stream0001/shardId-000000000001']);
        await log.deleteShard(S);
        assert.equal(log.hasShard(S), false);
        assert.deepEqual(log.listShards(), ['stream0001/shardId-000000000001']);
      }));

    test('append returns consecutive offsets from 0 and moves the bounds', () =>
      withLog(async (log) => {
        await log.createShard(S);
        assert.deepEqual(await log.append(S, recs(0, 3), T0), { firstOffset: 0, timestamp: T0 });
        assert.deepEqual(await log.append(S, recs(3, 1), T0 + 5), { firstOffset: 3, timestamp: T0 + 5 });
        assert.deepEqual(await log.append(S, recs(4, 2), T0 + 9), { firstOffset: 4, timestamp: T0 + 9 });
        assert.deepEqual(log.bounds(S), { startOffset: 0, endOffset: 6, lastTimestamp: T0 + 9, sealed: false });
      }));

    test('read returns every field exactly, in offset order', () =>
      withLog(async (log) => {
        await log.createShard(S);
        const binary = Buffer.from([0, 255, 1, 254, 10, 13, 0]);
        const input: AppendRecord[] = [
          { partitionKey: 'ü😀 key', data: binary },
          { partitionKey: 'k2', data: Buffer.alloc(0), explicitHashKey: '340282366920938463463374607431768211455' },
          { partitionKey: 'x'.repeat(256), data: Buffer.from('third'), explicitHashKey: '0' },
        ];
        await log.append(S, input, T0);
        const { records, nextOffset } = await log.read(S, 0, { maxRecords: 10, maxBytes: 1 << 20 });
        assert.equal(nextOffset, 3);
        assert.deepEqual(records.map((r) => ({ ...r, data: Buffer.from(r.data) })), [
          { offset: 0, timestamp: T0, partitionKey: 'ü😀 key', data: binary },
          { offset: 1, timestamp: T0, partitionKey: 'k2', data: Buffer.alloc(0), explicitHashKey: '340282366920938463463374607431768211455' },
          { offset: 2, timestamp: T0, partitionKey: 'x'.repeat(256), data: Buffer.from('third'), explicitHashKey: '0' },
        ]);
        assert.equal(records[0]!.explicitHashKey, undefined);
        assert.equal('explicitHashKey' in records[0]!, false);
      }));

    test('a 1 MiB record round-trips', () =>
      withLog(async (log) => {
        await log.createShard(S);
        const big = Buffer.alloc(1024 * 1024);
        for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
        await log.append(S, [rec(0), { partitionKey: 'big', data: big }, rec(2)], T0);
        const { records } = await log.read(S, 1, { maxRecords: 1, maxBytes: 10 });
        assert.equal(records.length, 1);
        assert.equal(Buffer.compare(records[0]!.data, big), 0);
        assert.deepEqual((await readAll(log, S)).map((r) => r.offset), [0, 1, 2]);
      }));

    test('timestamps older than the last stored one are clamped up to it', () =>
      withLog(async (log) => {
        await log.createShard(S);
        await log.append(S, recs(0, 1), T0 + 1000);
        assert.deepEqual(await log.append(S, recs(1, 2), T0), { firstOffset: 1, timestamp: T0 + 1000 });
        assert.deepEqual(await log.append(S, recs(3, 1), T0 + 2000), { firstOffset: 3, timestamp: T0 + 2000 });
        assert.deepEqual((await readAll(log, S)).map((r) => r.timestamp), [T0 + 1000, T0 + 1000, T0 + 1000, T0 + 2000]);
        assert.equal(log.bounds(S).lastTimestamp, T0 + 2000);
      }));

    test('read clamps fromOffset up to startOffset and reports where to continue', () =>
      withLog(async (log) => {
        await log.createShard(S);
        await log.append(S, recs(0, 5), T0);
        const fromNegative = await log.read(S, -7, { maxRecords: 2, maxBytes: 1 << 20 });
        assert.deepEqual(fromNegative.records.map((r) => r.offset), [0, 1]);
        assert.equal(fromNegative.nextOffset, 2);
        assert.deepEqual(await log.read(S, 5, { maxRecords: 2, maxBytes: 1 << 20 }), { records: [], nextOffset: 5 });
        assert.deepEqual(await log.read(S, 9, { maxRecords: 2, maxBytes: 1 << 20 }), { records: [], nextOffset: 9 });
        const middle = await log.read(S, 3, { maxRecords: 10, maxBytes: 1 << 20 });
        assert.deepEqual(middle.records.map((r) => [r.offset, r.partitionKey, r.data.toString()]), [
          [3, 'pk-3', 'record-3'],
          [4, 'pk-4', 'record-4'],
        ]);
        assert.equal(middle.nextOffset, 5);
      }));

    test('read stops at maxRecords', () =>
      withLog(async (log) => {
        await log.createShard(S);
        await log.append(S, recs(0, 50), T0);
        const { records, nextOffset } = await log.read(S, 10, { maxRecords: 7, maxBytes: 1 << 20 });
        assert.deepEqual(records.map((r) => r.offset), [10, 11, 12, 13, 14, 15, 16]);
        assert.equal(nextOffset, 17);
        assert.deepEqual((await log.read(S, 49, { maxRecords: 1, maxBytes: 1 << 20 })).records.map((r) => r.offset), [49]);
      }));

    test('read stops before exceeding maxBytes of data but always returns one record', () =>
      withLog(async (log) => {
        await log.createShard(S);
        const data = Buffer.alloc(100, 7);
        await log.append(S, Array.from({ length: 10 }, (_, i) => ({ partitionKey: `k${i}`, data })), T0);
        const capped = await log.read(S, 0, { maxRecords: 100, maxBytes: 350 });
        assert.deepEqual(capped.records.map((r) => r.offset), [0, 1, 2]);
        assert.equal(capped.nextOffset, 3);
        const exact = await log.read(S, 0, { maxRecords: 100, maxBytes: 300 });
        assert.deepEqual(exact.records.map((r) => r.offset), [0, 1, 2]);
        const tiny = await log.read(S, 4, { maxRecords: 100, maxBytes: 1 });
        assert.deepEqual(tiny.records.map((r) => r.offset), [4]);
        assert.equal(tiny.nextOffset, 5);
      }));

    test('a read keeps its data until released, whatever other reads and releases happen meanwhile', () =>
      withLog(async (log) => {
        await log.createShard(S);
        const data = (i: number): Buffer => Buffer.alloc(10_000, i % 251);
        await log.append(S, Array.from({ length: 300 }, (_, i) => ({ partitionKey: `k${i}`, data: data(i) })), T0);
        const check = (records: readonly StoredRecord[], from: number, count: number): void => {
          assert.equal(records.length, count);
          records.forEach((r, k) => assert.ok(r.offset === from + k && r.data.equals(data(from + k)), `record ${from + k}`));
        };
        const options = { maxRecords: 200, maxBytes: 1 << 30 };
        const first = await log.read(S, 0, options);
        const second = await log.read(S, 100, options);
        check(first.records, 0, 200);
        check(second.records, 100, 200);
        first.release?.();
        const third = await log.read(S, 150, { maxRecords: 150, maxBytes: 1 << 30 });
        check(third.records, 150, 150);
        check(second.records, 100, 200);
        second.release?.();
        third.release?.();
        check((await log.read(S, 0, options)).records, 0, 200);
      }));

    test('many shards appended concurrently keep consecutive offsets and their own records', () =>
      withLog(async (log) => {
        const shards = Array.from({ length: 6 }, (_, i) => `stream0002/shardId-00000000000${i}`);
        await Promise.all(shards.map((s) => log.createShard(s)));
        const sent = new Map<string, { first: number; batch: AppendRecord[] }[]>();
        await Promise.all(
          Array.from({ length: 60 }, async (_, i) => {
            const shard = shards[i % shards.length]!;
            const batch = Array.from({ length: 1 + (i % 7) }, (_, j) => ({ partitionKey: `${shard}#${i}#${j}`, data: Buffer.alloc(1 + ((i * 13 + j) % 90), i) }));
            const { firstOffset } = await log.append(shard, batch, T0 + i);
            sent.set(shard, [...(sent.get(shard) ?? []), { first: firstOffset, batch }]);
          }),
        );
        for (const shard of shards) {
          const stored = await readAll(log, shard, 0, 3);
          const expected = sent.get(shard)!.sort((a, b) => a.first - b.first).flatMap((s) => s.batch.map((r, j) => ({ offset: s.first + j, partitionKey: r.partitionKey, data: Buffer.from(r.data) })));
          assert.deepEqual(stored.map((r) => ({ offset: r.offset, partitionKey: r.partitionKey, data: Buffer.from(r.data) })), expected);
          assert.deepEqual(stored.map((r) => r.offset), stored.map((_, i) => i));
          assert.equal(log.bounds(shard).endOffset, stored.length);
          for (let i = 1; i < stored.length; i++) assert.ok(stored[i]!.timestamp >= stored[i - 1]!.timestamp);
        }
      }));

    test('offsetForTimestamp finds the first record at or after a time', () =>
      withLog(async (log) => {
        await log.createShard(S);
        assert.equal(await log.offsetForTimestamp(S, T0), 0);
        for (let i = 0; i < 40; i++) await log.append(S, recs(i * 2, 2), T0 + i * 10);
        assert.equal(await log.offsetForTimestamp(S, 0), 0);
        assert.equal(await log.offsetForTimestamp(S, T0), 0);
        assert.equal(await log.offsetForTimestamp(S, T0 + 1), 2);
        assert.equal(await log.offsetForTimestamp(S, T0 + 10), 2);
        assert.equal(await log.offsetForTimestamp(S, T0 + 255), 52);
        assert.equal(await log.offsetForTimestamp(S, T0 + 390), 78);
        assert.equal(await log.offsetForTimestamp(S, T0 + 391), 80);
        assert.equal(await log.offsetForTimestamp(S, T0 + 1e9), 80);
      }));

    test('offsetForTimestamp with repeated timestamps returns the first of them', () =>
      withLog(async (log) => {
        await log.createShard(S);
        await log.append(S, recs(0, 3), T0);
        for (let i = 0; i < 10; i++) await log.append(S, recs(3 + i * 5, 5), T0 + 100);
        await log.append(S, recs(53, 1), T0 + 200);
        assert.equal(await log.offsetForTimestamp(S, T0 + 50), 3);
        assert.equal(await log.offsetForTimestamp(S, T0 + 100), 3);
        assert.equal(await log.offsetForTimestamp(S, T0 + 101), 53);
      }));

    test('trimBefore keeps every record at or after the time and never moves endOffset', () =>
      withLog(async (log) => {
        await log.createShard(S);
        for (let i = 0; i < 30; i++) await log.append(S, recs(i * 4, 4), T0 + i * 1000);
        await log.trimBefore(S, T0 + 20_000);
        const b = log.bounds(S);
        assert.equal(b.endOffset, 120);
        assert.equal(b.lastTimestamp, T0 + 29_000);
        assert.ok(b.startOffset <= 80, `startOffset ${b.startOffset} must not pass the first kept record`);
        const rest = await readAll(log, S);
        assert.equal(rest[0]!.offset, b.startOffset);
        assert.deepEqual(rest.map((r) => r.offset), Array.from({ length: 120 - b.startOffset }, (_, i) => b.startOffset + i));
        assert.ok((await log.offsetForTimestamp(S, 0)) >= b.startOffset);
        assert.equal(await log.offsetForTimestamp(S, T0 + 20_000), 80);
      }));

    test('trimBefore past every record leaves the offsets and the last timestamp for new appends', () =>
      withLog(async (log, fixture) => {
        await log.createShard(S);
        await log.append(S, recs(0, 10), T0);
        await log.trimBefore(S, T0 + 1);
        const b = log.bounds(S);
        assert.equal(b.endOffset, 10);
        assert.equal(b.lastTimestamp, T0);
        assert.deepEqual((await log.append(S, recs(10, 1), T0 - 5)), { firstOffset: 10, timestamp: T0 });
        const reopened = await fixture.reopen();
        assert.equal(reopened.bounds(S).endOffset, 11);
        assert.equal(reopened.bounds(S).lastTimestamp, T0);
        assert.equal((await readAll(reopened, S)).at(-1)!.offset, 10);
      }));

    test('trimBefore of an idle shard may empty it: startOffset then equals endOffset or stays readable', () =>
      withLog(async (log) => {
        await log.createShard(S);
        await log.append(S, recs(0, 5), T0);
        await log.trimBefore(S, T0 + 10);
        const b = log.bounds(S);
        const rest = await readAll(log, S);
        assert.equal(b.endOffset, 5);
        assert.equal(rest.length, 5 - b.startOffset);
        assert.deepEqual(await log.read(S, 0, { maxRecords: 10, maxBytes: 100 }).then((r) => r.nextOffset), b.startOffset + rest.length);
        assert.equal(await log.offsetForTimestamp(S, T0 + 10), 5);
      }));

    test('seal rejects later appends, keeps records readable and is idempotent', () =>
      withLog(async (log) => {
        await log.createShard(S);
        await log.append(S, recs(0, 3), T0);
        await log.seal(S);
        await log.seal(S);
        assert.equal(log.bounds(S).sealed, true);
        await assert.rejects(log.append(S, recs(3, 1), T0), ShardSealedError);
        assert.deepEqual((await readAll(log, S)).map((r) => r.offset), [0, 1, 2]);
        assert.equal(log.bounds(S).endOffset, 3);
      }));

    test('seal waits for appends queued before it', () =>
      withLog(async (log) => {
        await log.createShard(S);
        const queued = log.append(S, recs(0, 4), T0);
        await log.seal(S);
        assert.deepEqual(await queued, { firstOffset: 0, timestamp: T0 });
        assert.equal(log.bounds(S).endOffset, 4);
      }));

    test('operations on a missing shard fail with ShardNotFoundError', () =>
      withLog(async (log) => {
        const missing = 'stream0009/shardId-000000000000';
        await assert.rejects(log.append(missing, recs(0, 1), T0), ShardNotFoundError);
        await assert.rejects(log.read(missing, 0, { maxRecords: 1, maxBytes: 1 }), ShardNotFoundError);
        await assert.rejects(log.offsetForTimestamp(missing, T0), ShardNotFoundError);
        await assert.rejects(log.trimBefore(missing, T0), ShardNotFoundError);
        await assert.rejects(log.seal(missing), ShardNotFoundError);
        assert.throws(() => log.bounds(missing), ShardNotFoundError);
        await log.deleteShard(missing);
      }));

    test('deleteShard removes the data, is idempotent, and a re-created shard starts at 0', () =>
      withLog(async (log, fixture) => {
        await log.createShard(S);
        await log.append(S, recs(0, 5), T0);
        await log.deleteShard(S);
        await log.deleteShard(S);
        assert.throws(() => log.bounds(S), ShardNotFoundError);
        await assert.rejects(log.append(S, recs(0, 1), T0), ShardNotFoundError);
        await log.createShard(S);
        assert.deepEqual(log.bounds(S), { startOffset: 0, endOffset: 0, lastTimestamp: undefined, sealed: false });
        await log.append(S, recs(100, 1), T0);
        const reopened = await fixture.reopen();
        assert.deepEqual((await readAll(reopened, S)).map((r) => [r.offset, r.partitionKey]), [[0, 'pk-100']]);
      }));

    test('reopen keeps records, offsets, timestamps, seals and deletions', () =>
      withLog(async (log, fixture) => {
        const other = 'stream0001/shardId-000000000001';
        const gone = 'stream0003/shardId-000000000000';
        for (const s of [S, other, gone]) await log.createShard(s);
        for (let i = 0; i < 20; i++) await log.append(S, recs(i * 3, 3), T0 + i);
        await log.append(other, [rec(0, { explicitHashKey: '42' })], T0 + 50);
        await log.seal(other);
        await log.append(gone, recs(0, 1), T0);
        await log.deleteShard(gone);
        const before = await readAll(log, S);
        const reopened = await fixture.reopen();
        assert.deepEqual(reopened.listShards().sort(), [S, other]);
        assert.deepEqual(reopened.bounds(S), { startOffset: 0, endOffset: 60, lastTimestamp: T0 + 19, sealed: false });
        assert.deepEqual(reopened.bounds(other), { startOffset: 0, endOffset: 1, lastTimestamp: T0 + 50, sealed: true });
        assert.deepEqual(await readAll(reopened, S), before);
        assert.deepEqual((await readAll(reopened, other))[0]!.explicitHashKey, '42');
        assert.equal(await reopened.offsetForTimestamp(S, T0 + 7), 21);
      }));

    test('appends after reopen continue the offsets and clamp to the stored last timestamp', () =>
      withLog(async (log, fixture) => {
        await log.createShard(S);
        await log.append(S, recs(0, 7), T0 + 500);
        const reopened = await fixture.reopen();
        assert.deepEqual(await reopened.append(S, recs(7, 2), T0), { firstOffset: 7, timestamp: T0 + 500 });
        await assert.rejects(reopened.append(S, recs(9, 1), T0).then(() => reopened.seal(S)).then(() => reopened.append(S, recs(10, 1), T0)), ShardSealedError);
        const again = await fixture.reopen();
        assert.deepEqual((await readAll(again, S)).map((r) => r.offset), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        await assert.rejects(again.append(S, recs(10, 1), T0), ShardSealedError);
      }));

    test('close resolves every pending append and keeps them', () =>
      withLog(async (log, fixture) => {
        await log.createShard(S);
        const pending = Array.from({ length: 25 }, (_, i) => log.append(S, recs(i * 2, 2), T0 + i));
        const reopened = await fixture.reopen();
        const results = await Promise.all(pending);
        assert.deepEqual(results.map((r) => r.firstOffset).sort((a, b) => a - b), Array.from({ length: 25 }, (_, i) => i * 2));
        assert.equal(reopened.bounds(S).endOffset, 50);
        assert.equal((await readAll(reopened, S)).length, 50);
      }));
  });
}
