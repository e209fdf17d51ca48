// GetRecords conformance: iterator errors (invalid, expired, vanished stream), paging with Limit
// and the 10 MiB cap, MillisBehindLatest, retention, encryption, closed shards and restarts.

import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { ShardState } from '../../../src/engine/streams/stream-state.js';
import { awsErrorOf, createDataPlane, type DataPlane } from './data-plane-fixture.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const MIB = 1024 * 1024;
const HOUR = 3_600_000;

interface WireRecord {
  SequenceNumber: string;
  ApproximateArrivalTimestamp: Date;
  Data: Buffer;
  PartitionKey: string;
  EncryptionType?: string;
}

describe('GetRecords', () => {
  let plane: DataPlane;
  beforeEach(async () => {
    plane = await createDataPlane();
    await plane.createStream('one', 1);
  });
  afterEach(() => plane.close());

  const iterator = async (type = 'TRIM_HORIZON', stream = 'one'): Promise<string> =>
    (await plane.invoke('GetShardIterator', { StreamName: stream, ShardId: 'shardId-0', ShardIteratorType: type })).ShardIterator as string;
  const put = async (...data: string[]): Promise<string[]> => {
    const out = await plane.invoke('PutRecords', { StreamName: 'one', Records: data.map((d) => ({ PartitionKey: d, Data: b64(d) })) });
    return (out.Records as { SequenceNumber: string }[]).map((r) => r.SequenceNumber);
  };
  const dataOf = (out: Record<string, unknown>): string[] => (out.Records as WireRecord[]).map((r) => r.Data.toString());

  test('GetRecords returns ValidationException for a Limit above 10000', async () => {
    const err = await awsErrorOf(() => plane.invoke('GetRecords', { ShardIterator: 'x', Limit: 10001 }));
    assert.equal(err.type, 'ValidationException');
    assert.equal(err.message, "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000");
  });

  test('GetRecords returns InvalidArgumentException for an iterator it did not issue', async () => {
    const err = await awsErrorOf(() => plane.invoke('GetRecords', { ShardIterator: 'AAAAAAAAAAEAAAAAAAAAAQ==' }));
    assert.deepEqual(err, { type: 'InvalidArgumentException', message: 'Invalid ShardIterator.', statusCode: 400 });
  });

  test('GetRecords returns ExpiredIteratorException five minutes after the iterator was issued', async () => {
    plane.clock.set(1_700_000_000_000);
    const it = await iterator();
    plane.clock.advance(300_000);
    await plane.invoke('GetRecords', { ShardIterator: it });
    plane.clock.advance(1);
    const err = await awsErrorOf(() => plane.invoke('GetRecords', { ShardIterator: it }));
    assert.deepEqual(err, {
      type: 'ExpiredIteratorException',
      message:
        'Iterator expired. The iterator was created at time Tue Nov 14 22:13:20 UTC 2023 while right now it is Tue Nov 14 22:18:20 UTC 2023 ' +
        'which is further in the future than the tolerated delay of 300000 milliseconds.',
      statusCode: 400,
    });
  });

  test('GetRecords returns records in order with sequence numbers, arrival times and the next iterator', async () => {
    const seqs = await put('a', 'b', 'c');
    const out = await plane.invoke('GetRecords', { ShardIterator: await iterator() });
    const records = out.Records as WireRecord[];
    assert.deepEqual(Object.keys(out), ['Records', 'NextShardIterator', 'MillisBehindLatest']);
    assert.deepEqual(Object.keys(records[0]!), ['SequenceNumber', 'ApproximateArrivalTimestamp', 'Data', 'PartitionKey']);
    assert.deepEqual(records.map((r) => r.SequenceNumber), seqs);
    assert.deepEqual(dataOf(out), ['a', 'b', 'c']);
    assert.deepEqual(records.map((r) => r.PartitionKey), ['a', 'b', 'c']);
    assert.ok(records.every((r) => r.ApproximateArrivalTimestamp instanceof Date && r.ApproximateArrivalTimestamp.getTime() === plane.clock.now()));
    assert.equal(out.MillisBehindLatest, 0);
    const next = await plane.invoke('GetRecords', { ShardIterator: out.NextShardIterator });
    assert.deepEqual(next.Records, []);
    assert.equal(typeof next.NextShardIterator, 'string');
  });

  test('GetRecords pages with Limit, and the same iterator reads the same records again', async () => {
    await put('r0', 'r1', 'r2', 'r3', 'r4');
    const first = await plane.invoke('GetRecords', { ShardIterator: await iterator(), Limit: 2 });
    assert.deepEqual(dataOf(first), ['r0', 'r1']);
    const second = await plane.invoke('GetRecords', { ShardIterator: first.NextShardIterator, Limit: 3 });
    assert.deepEqual(dataOf(second), ['r2', 'r3', 'r4']);
    const again = await plane.invoke('GetRecords', { ShardIterator: first.NextShardIterator, Limit: 1 });
    assert.deepEqual(dataOf(again), ['r2']);
  });

  test('GetRecords stops at 10 MiB of data and reports how far behind the reader is', async () => {
    const mib = Buffer.alloc(MIB - 2).toString('base64');
    for (let i = 0; i < 3; i++) {
      await plane.invoke('PutRecords', { StreamName: 'one', Records: Array.from({ length: 4 }, () => ({ PartitionKey: 'k', Data: mib })) });
    }
    const it = await iterator();
    plane.clock.advance(2500);
    const first = await plane.invoke('GetRecords', { ShardIterator: it });
    assert.equal((first.Records as WireRecord[]).length, 10);
    assert.equal(first.MillisBehindLatest, 2500);
    const rest = await plane.invoke('GetRecords', { ShardIterator: first.NextShardIterator });
    assert.equal((rest.Records as WireRecord[]).length, 2);
    assert.equal(rest.MillisBehindLatest, 0);
  });

  test('GetRecords skips records older than the retention period', async () => {
    const [oldSeq] = await put('old');
    plane.clock.advance(24 * HOUR);
    await put('new');
    plane.clock.advance(1);
    const at = await plane.invoke('GetShardIterator', { StreamName: 'one', ShardId: 'shardId-0', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: oldSeq });
    assert.deepEqual(dataOf(await plane.invoke('GetRecords', { ShardIterator: at.ShardIterator })), ['new']);
    assert.deepEqual(dataOf(await plane.invoke('GetRecords', { ShardIterator: at.ShardIterator, Limit: 1 })), ['new']);
    assert.deepEqual(dataOf(await plane.invoke('GetRecords', { ShardIterator: await iterator() })), ['new']);
  });

  test('GetRecords marks records of an encrypted stream with EncryptionType KMS', async () => {
    await plane.streams.update({ streamName: 'one' }, () => ({ encryptionType: 'KMS', keyId: 'alias/aws/kinesis' }));
    await put('secret');
    const out = await plane.invoke('GetRecords', { ShardIterator: await iterator() });
    assert.equal((out.Records as WireRecord[])[0]!.EncryptionType, 'KMS');
  });

  test('GetRecords returns ResourceNotFoundException for an iterator of a deleted or re-created stream', async () => {
    const it = await iterator();
    await plane.streams.delete({ streamName: 'one' });
    const expected = { type: 'ResourceNotFoundException', message: 'Shard shardId-000000000000 in stream one under account 000000000000 does not exist', statusCode: 400 };
    assert.deepEqual(await awsErrorOf(() => plane.invoke('GetRecords', { ShardIterator: it })), expected);
    await plane.createStream('one', 1);
    assert.deepEqual(await awsErrorOf(() => plane.invoke('GetRecords', { ShardIterator: it })), expected);
  });

  test('iterators stay valid across a restart of the service (the key is in the StateStore)', async () => {
    await put('kept');
    const it = await iterator();
    const { RecordService } = await import('../../../src/engine/streams/record-service.js');
    const restarted = new RecordService({ streams: plane.streams, log: plane.log, clock: plane.clock, store: plane.store });
    await restarted.init();
    const out = await restarted.getRecords(it);
    assert.deepEqual(out.records.map((r) => r.data.toString()), ['kept']);
  });

  test('at the end of a closed shard GetRecords returns no next iterator and the child shards', async () => {
    await put('parent-0', 'parent-1');
    const it = await iterator();
    const stream = plane.streams.require({ streamName: 'one' });
    const parent = stream.shards[0]!;
    const half = ((1n << 127n) - 1n).toString();
    const child = (index: number, start: string, end: string): ShardState => ({
      shardId: `shardId-00000000000${index}`,
      index,
      parentShardId: parent.shardId,
      hashKeyStart: start,
      hashKeyEnd: end,
      createdAt: plane.clock.now(),
      logKey: `${stream.id}/shardId-00000000000${index}`,
    });
    const children = [child(1, '0', half), child(2, (1n << 127n).toString(), parent.hashKeyEnd)];
    for (const c of children) await plane.log.createShard(c.logKey);
    await plane.log.seal(parent.logKey);
    await plane.streams.update({ streamName: 'one' }, () => ({ shards: [{ ...parent, endingSequenceNumber: '1' }, ...children] }));

    const routed = await plane.invoke('PutRecords', { StreamName: 'one', Records: [{ PartitionKey: 'x', Data: '', ExplicitHashKey: '0' }] });
    assert.equal((routed.Records as { ShardId: string }[])[0]!.ShardId, 'shardId-000000000001');

    const partial = await plane.invoke('GetRecords', { ShardIterator: it, Limit: 1 });
    assert.deepEqual(dataOf(partial), ['parent-0']);
    assert.equal(typeof partial.NextShardIterator, 'string');
    assert.equal(partial.ChildShards, undefined);
    const end = await plane.invoke('GetRecords', { ShardIterator: partial.NextShardIterator });
    assert.deepEqual(dataOf(end), ['parent-1']);
    assert.equal(end.NextShardIterator, undefined);
    assert.equal(end.MillisBehindLatest, 0);
    assert.deepEqual(end.ChildShards, [
      { ShardId: 'shardId-000000000001', ParentShards: ['shardId-000000000000'], HashKeyRange: { StartingHashKey: '0', EndingHashKey: half } },
      { ShardId: 'shardId-000000000002', ParentShards: ['shardId-000000000000'], HashKeyRange: { StartingHashKey: (1n << 127n).toString(), EndingHashKey: parent.hashKeyEnd } },
    ]);
  });
});
