import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShardState, StreamState } from '../../engine/streams/stream-state.js';
import type { StreamRegistry } from '../../engine/streams/stream-registry.js';
import { SegmentRecordLog } from '../../storage/segment/segment-record-log.js';
import { SqliteStateStore } from '../../storage/sqlite/sqlite-state-store.js';
import type { StoredDeliveryStream } from '../delivery-stream-registry.js';
import type { SourceBatch } from '../pipeline/delivery-source.js';
import { DELIVERY_CHECKPOINTS } from './direct-put-source.js';
import { kinesisCheckpointKey, KinesisStreamSource, startAtLatest } from './kinesis-stream-source.js';

const STREAM_ARN = 'arn:aws:kinesis:us-east-1:000000000000:stream/src';
const delivery = { name: 'ds', id: 'abc', source: { kinesisStreamArn: STREAM_ARN, roleArn: 'r', deliveryStartTimestamp: 0 } } as unknown as StoredDeliveryStream;

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const shard = (index: number, extra: Partial<ShardState> = {}): ShardState => ({
  shardId: `shardId-00000000000${index}`, index, hashKeyStart: '0', hashKeyEnd: '1', createdAt: 1_700_000_000_000, logKey: `sid/shardId-00000000000${index}`, ...extra,
});

/** A stream whose shard 0 was split into shards 1 and 2 (and shard 3 merged from 1 and 2 when `merged`). */
async function resharded(options: { parentClosed: boolean; merged?: boolean }) {
  const dir = await mkdtemp(join(tmpdir(), 'ks-source-'));
  const log = new SegmentRecordLog({ dir: join(dir, 'records'), fsync: false });
  await log.open();
  const store = new SqliteStateStore({ path: join(dir, 'state.db') });
  await store.open();
  cleanup.push(async () => { await log.close(); await store.close(); await rm(dir, { recursive: true, force: true }); });
  const shards = [
    shard(0, options.parentClosed ? { endingSequenceNumber: '1' } : {}),
    shard(1, { parentShardId: 'shardId-000000000000', ...(options.merged ? { endingSequenceNumber: '1' } : {}) }),
    shard(2, { parentShardId: 'shardId-000000000000', ...(options.merged ? { endingSequenceNumber: '1' } : {}) }),
    ...(options.merged ? [shard(3, { parentShardId: 'shardId-000000000001', adjacentParentShardId: 'shardId-000000000002' })] : []),
  ];
  for (const s of shards) await log.createShard(s.logKey);
  const state = { name: 'src', id: 'sid', arn: STREAM_ARN, shards } as unknown as StreamState;
  const streams: Pick<StreamRegistry, 'require'> = { require: () => state };
  const put = async (index: number, ...data: string[]) => { await log.append(`sid/shardId-00000000000${index}`, data.map((d) => ({ partitionKey: 'k', data: Buffer.from(d) })), 1_700_000_000_000); };
  const source = new KinesisStreamSource({ stream: delivery, streams, log, store });
  cleanup.push(() => source.close());
  return { log, store, streams, put, source, it: source[Symbol.asyncIterator]() };
}

const texts = (b: SourceBatch): string[] => b.records.map((r) => r.data.toString());
const next = async (it: AsyncIterator<SourceBatch>): Promise<SourceBatch> => (await it.next()).value as SourceBatch;
/** Whether `p` settles within a few event-loop turns and 50 ms. */
async function settlesSoon(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => { done = true; });
  for (let i = 0; i < 20 && !done; i++) await new Promise((r) => setTimeout(r, 3));
  return done;
}

test('children are read only after their closed parent is acknowledged to its end', async () => {
  const { put, log, it } = await resharded({ parentClosed: true });
  await put(0, 'p0', 'p1');
  await log.seal('sid/shardId-000000000000');
  await put(1, 'c1');
  await put(2, 'c2');
  const parent = await next(it);
  assert.deepEqual(texts(parent), ['p0', 'p1']);
  const pending = next(it);
  assert.equal(await settlesSoon(pending), false, 'no child batch while the parent is not acknowledged');
  await parent.ack();
  const first = await pending;
  const second = await next(it);
  assert.deepEqual([texts(first), texts(second)], [['c1'], ['c2']]);
});

test('an open parent (not closed) keeps its children waiting even when everything it has is acknowledged', async () => {
  const { put, it } = await resharded({ parentClosed: false });
  await put(0, 'p0');
  await put(1, 'c1');
  const parent = await next(it);
  assert.deepEqual(texts(parent), ['p0']);
  await parent.ack();
  assert.equal(await settlesSoon(next(it)), false);
});

test('a merged child waits for both its parent and its adjacent parent', async () => {
  const { put, log, it } = await resharded({ parentClosed: true, merged: true });
  await put(1, 'a');
  await put(2, 'b');
  for (const i of [0, 1, 2]) await log.seal(`sid/shardId-00000000000${i}`);
  await put(3, 'm');
  const one = await next(it);
  const two = await next(it);
  assert.deepEqual([texts(one), texts(two)], [['a'], ['b']]);
  const pending = next(it);
  await one.ack();
  assert.equal(await settlesSoon(pending), false, 'the adjacent parent is not acknowledged yet');
  await two.ack();
  assert.deepEqual(texts(await pending), ['m']);
});

test('startAtLatest checkpoints closed shards at their end, so their open children start at once', async () => {
  const { put, log, store, streams, it } = await resharded({ parentClosed: true });
  await put(0, 'old');
  await log.seal('sid/shardId-000000000000');
  await startAtLatest({ stream: delivery, streams, log, store });
  assert.equal((await store.get<number>(DELIVERY_CHECKPOINTS, kinesisCheckpointKey(delivery, 'shardId-000000000000')))?.value, 1);
  await put(1, 'new');
  assert.deepEqual(texts(await next(it)), ['new']);
});
