// GetShardIterator conformance: shard id forms, AWS's errors for every type/argument mix,
// sequence numbers from other shards and streams, AT_TIMESTAMP (empty shard, future time).

import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startingSequenceNumber } from '../../../src/engine/streams/sequence-number.js';
import { awsErrorOf, createDataPlane, type DataPlane } from './data-plane-fixture.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const ACCOUNT = 'under account 000000000000';
const MISMATCH = 'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified';

describe('GetShardIterator', () => {
  let plane: DataPlane;
  beforeEach(async () => {
    plane = await createDataPlane();
    await plane.createStream('two', 2);
  });
  afterEach(() => plane.close());

  const invalid = (message: string) => ({ type: 'InvalidArgumentException', message, statusCode: 400 });
  const notFound = (message: string) => ({ type: 'ResourceNotFoundException', message, statusCode: 400 });
  async function readAll(iterator: string): Promise<string[]> {
    const out = await plane.invoke('GetRecords', { ShardIterator: iterator });
    return (out.Records as { Data: Buffer }[]).map((r) => r.Data.toString());
  }

  test('GetShardIterator returns ValidationException for an unknown iterator type', async () => {
    const err = await awsErrorOf(() => plane.invoke('GetShardIterator', { StreamName: 'two', ShardId: 'shardId-0', ShardIteratorType: 'OLDEST' }));
    assert.equal(err.type, 'ValidationException');
    assert.match(err.message, /at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set/);
  });

  test('GetShardIterator accepts every shard id form AWS accepts', async () => {
    for (const shardId of ['shardId-000000000001', 'shardId-1', 'shard-1', '1', '-01']) {
      const out = await plane.invoke('GetShardIterator', { StreamName: 'two', ShardId: shardId, ShardIteratorType: 'LATEST' });
      assert.deepEqual(Object.keys(out), ['ShardIterator']);
    }
  });

  test('GetShardIterator returns ResourceNotFoundException for shard ids that name no shard', async () => {
    for (const shardId of ['ABKLFD8', '2.14E4', '2147483648', 'shardId-002147483648']) {
      const err = await awsErrorOf(() => plane.invoke('GetShardIterator', { StreamName: 'two', ShardId: shardId, ShardIteratorType: 'LATEST' }));
      assert.deepEqual(err, notFound(`Could not find shard ${shardId} in stream two ${ACCOUNT}.`));
    }
    const missing = await awsErrorOf(() =>
      plane.invoke('GetShardIterator', { StreamName: 'two', ShardId: 'shardId-5', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: '5' }),
    );
    assert.deepEqual(missing, notFound(`Shard shardId-000000000005 in stream two ${ACCOUNT} does not exist`));
    const unknown = await awsErrorOf(() => plane.invoke('GetShardIterator', { StreamName: 'nope', ShardId: '2147483647', ShardIteratorType: 'LATEST' }));
    assert.deepEqual(unknown, notFound(`Shard shardId-002147483647 in stream nope ${ACCOUNT} does not exist`));
  });

  test('GetShardIterator returns InvalidArgumentException when the type and StartingSequenceNumber disagree', async () => {
    const ask = (type: string, seq?: string) =>
      awsErrorOf(() => plane.invoke('GetShardIterator', { StreamName: 'two', ShardId: 'shardId-0', ShardIteratorType: type, ...(seq && { StartingSequenceNumber: seq }) }));
    assert.deepEqual(await ask('AT_SEQUENCE_NUMBER'), invalid(`${MISMATCH} AT_SEQUENCE_NUMBER and no StartingSequenceNumber.`));
    assert.deepEqual(await ask('AFTER_SEQUENCE_NUMBER'), invalid(`${MISMATCH} AFTER_SEQUENCE_NUMBER and no StartingSequenceNumber.`));
    assert.deepEqual(await ask('LATEST', '5'), invalid(`${MISMATCH} LATEST and also a StartingSequenceNumber.`));
    assert.deepEqual(await ask('TRIM_HORIZON', '5'), invalid(`${MISMATCH} TRIM_HORIZON and also a StartingSequenceNumber.`));
  });

  test('GetShardIterator returns InvalidArgumentException for malformed, foreign-shard and foreign-stream sequence numbers', async () => {
    const ask = (shardId: string, seq: string) =>
      awsErrorOf(() => plane.invoke('GetShardIterator', { StreamName: 'two', ShardId: shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: seq }));
    assert.deepEqual(await ask('shardId-0', '5'), invalid(`StartingSequenceNumber 5 used in GetShardIterator on shard shardId-000000000000 in stream two ${ACCOUNT} is invalid.`));

    const put = await plane.invoke('PutRecord', { StreamName: 'two', PartitionKey: 'a', Data: b64('x'), ExplicitHashKey: '0' });
    const seq = put.SequenceNumber as string;
    assert.deepEqual(
      await ask('shardId-1', seq),
      invalid('Invalid StartingSequenceNumber. It encodes shardId-000000000000, while it was used in a call to a shard with shardId-000000000001'),
    );

    plane.clock.advance(1000);
    await plane.createStream('other', 1);
    const foreign = await plane.invoke('PutRecord', { StreamName: 'other', PartitionKey: 'a', Data: '' });
    assert.deepEqual(
      await ask('shardId-0', foreign.SequenceNumber as string),
      invalid(`StartingSequenceNumber ${foreign.SequenceNumber} used in GetShardIterator on shard shardId-000000000000 in stream two ${ACCOUNT} is invalid because it did not come from this stream.`),
    );
  });

  test('AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER start at and after the record', async () => {
    const seqs: string[] = [];
    for (const data of ['r0', 'r1', 'r2']) {
      seqs.push((await plane.invoke('PutRecord', { StreamName: 'two', PartitionKey: 'a', Data: b64(data), ExplicitHashKey: '0' })).SequenceNumber as string);
    }
    const at = await plane.invoke('GetShardIterator', { StreamName: 'two', ShardId: 'shardId-0', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: seqs[1] });
    assert.deepEqual(await readAll(at.ShardIterator as string), ['r1', 'r2']);
    const after = await plane.invoke('GetShardIterator', { StreamName: 'two', ShardId: 'shardId-0', ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: seqs[1] });
    assert.deepEqual(await readAll(after.ShardIterator as string), ['r2']);
  });

  test("the shard's StartingSequenceNumber starts at its first record, with AT_ and AFTER_", async () => {
    const shard = plane.streams.require({ streamName: 'two' }).shards[0]!;
    const start = startingSequenceNumber(shard);
    const at = await plane.invoke('GetShardIterator', { StreamName: 'two', ShardId: 'shardId-0', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: start });
    const after = await plane.invoke('GetShardIterator', { StreamName: 'two', ShardId: 'shardId-0', ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: start });
    await plane.invoke('PutRecord', { StreamName: 'two', PartitionKey: 'a', Data: b64('first'), ExplicitHashKey: '0' });
    assert.deepEqual(await readAll(at.ShardIterator as string), ['first']);
    assert.deepEqual(await readAll(after.ShardIterator as string), ['first']);
  });

  test('AT_TIMESTAMP needs a Timestamp and refuses one in the future', async () => {
    const missing = await awsErrorOf(() => plane.invoke('GetShardIterator', { StreamName: 'two', ShardId: 'shardId-0', ShardIteratorType: 'AT_TIMESTAMP' }));
    assert.deepEqual(missing, invalid('Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.'));
    const now = plane.clock.now();
    const future = await awsErrorOf(() =>
      plane.invoke('GetShardIterator', { StreamName: 'two', ShardId: 'shardId-0', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: (now + 1000) / 1000 }),
    );
    assert.deepEqual(future, invalid(`The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: ${now + 1000}, currentTimestampInMillis: ${now}`));
  });

  test('AT_TIMESTAMP starts at the first record at or after the time, and works on an empty shard', async () => {
    const t0 = plane.clock.now();
    const empty = await plane.invoke('GetShardIterator', { StreamName: 'two', ShardId: 'shardId-0', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: t0 / 1000 });
    for (const data of ['r0', 'r1', 'r2']) {
      plane.clock.advance(10);
      await plane.invoke('PutRecord', { StreamName: 'two', PartitionKey: 'a', Data: b64(data), ExplicitHashKey: '0' });
    }
    assert.deepEqual(await readAll(empty.ShardIterator as string), ['r0', 'r1', 'r2']);
    const mid = await plane.invoke('GetShardIterator', { StreamName: 'two', ShardId: 'shardId-0', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: (t0 + 15) / 1000 });
    assert.deepEqual(await readAll(mid.ShardIterator as string), ['r1', 'r2']);
    const old = await plane.invoke('GetShardIterator', { StreamName: 'two', ShardId: 'shardId-0', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: 0 });
    assert.deepEqual(await readAll(old.ShardIterator as string), ['r0', 'r1', 'r2']);
  });

  test('LATEST starts after the last record, TRIM_HORIZON at the oldest', async () => {
    await plane.invoke('PutRecord', { StreamName: 'two', PartitionKey: 'a', Data: b64('before'), ExplicitHashKey: '0' });
    const latest = await plane.invoke('GetShardIterator', { StreamName: 'two', ShardId: 'shardId-0', ShardIteratorType: 'LATEST' });
    const horizon = await plane.invoke('GetShardIterator', { StreamName: 'two', ShardId: 'shardId-0', ShardIteratorType: 'TRIM_HORIZON' });
    await plane.invoke('PutRecord', { StreamName: 'two', PartitionKey: 'a', Data: b64('after'), ExplicitHashKey: '0' });
    assert.deepEqual(await readAll(latest.ShardIterator as string), ['after']);
    assert.deepEqual(await readAll(horizon.ShardIterator as string), ['before', 'after']);
  });

  test('GetShardIterator returns ResourceNotFoundException while the stream is CREATING', async () => {
    const slow = await createDataPlane({ createDelayMs: 1000 });
    try {
      await slow.createStream('young', 1);
      const err = await awsErrorOf(() => slow.invoke('GetShardIterator', { StreamName: 'young', ShardId: 'shardId-0', ShardIteratorType: 'LATEST' }));
      assert.deepEqual(err, notFound(`Shard shardId-000000000000 in stream young ${ACCOUNT} does not exist`));
    } finally {
      await slow.close();
    }
  });
});
