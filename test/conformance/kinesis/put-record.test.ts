// PutRecord conformance: AWS's errors, routing, SequenceNumberForOrdering, record size.

import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { parseSequenceNumber } from '../../../src/engine/streams/sequence-number.js';
import { awsErrorOf, createDataPlane, type DataPlane } from './data-plane-fixture.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('PutRecord', () => {
  let plane: DataPlane;
  beforeEach(async () => {
    plane = await createDataPlane();
    await plane.createStream('three', 3);
  });
  afterEach(() => plane.close());

  test('PutRecord returns ValidationException for an empty PartitionKey', async () => {
    const err = await awsErrorOf(() => plane.invoke('PutRecord', { StreamName: 'three', PartitionKey: '', Data: '' }));
    assert.equal(err.type, 'ValidationException');
    assert.equal(err.message, "1 validation error detected: Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1");
  });

  test('PutRecord returns ResourceNotFoundException for an unknown stream', async () => {
    const err = await awsErrorOf(() => plane.invoke('PutRecord', { StreamName: 'nope', PartitionKey: 'a', Data: '' }));
    assert.deepEqual(err, { type: 'ResourceNotFoundException', message: 'Stream nope under account 000000000000 not found.', statusCode: 400 });
  });

  test('PutRecord returns the shard and a sequence number of that shard', async () => {
    const out = await plane.invoke('PutRecord', { StreamName: 'three', PartitionKey: 'b', Data: b64('hello') });
    assert.deepEqual(Object.keys(out), ['ShardId', 'SequenceNumber']);
    assert.equal(out.ShardId, 'shardId-000000000001');
    assert.deepEqual(parseSequenceNumber(out.SequenceNumber as string), {
      shardIndex: 1,
      shardCreatedAt: plane.clock.now(),
      offset: 0,
      timestamp: plane.clock.now(),
    });
    const again = await plane.invoke('PutRecord', { StreamName: 'three', PartitionKey: 'b', Data: b64('again') });
    assert.ok(BigInt(again.SequenceNumber as string) > BigInt(out.SequenceNumber as string));
  });

  test('PutRecord routes by ExplicitHashKey and rejects one out of range', async () => {
    const out = await plane.invoke('PutRecord', { StreamName: 'three', PartitionKey: 'a', Data: '', ExplicitHashKey: '0' });
    assert.equal(out.ShardId, 'shardId-000000000000');
    const max = ((1n << 128n) - 1n).toString();
    assert.equal((await plane.invoke('PutRecord', { StreamName: 'three', PartitionKey: 'a', Data: '', ExplicitHashKey: max })).ShardId, 'shardId-000000000002');
    const over = (1n << 128n).toString();
    const err = await awsErrorOf(() => plane.invoke('PutRecord', { StreamName: 'three', PartitionKey: 'a', Data: '', ExplicitHashKey: over }));
    assert.deepEqual(err, {
      type: 'InvalidArgumentException',
      message: `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${over}`,
      statusCode: 400,
    });
  });

  test('PutRecord accepts a previous sequence number as SequenceNumberForOrdering and rejects a malformed one', async () => {
    const first = await plane.invoke('PutRecord', { StreamName: 'three', PartitionKey: 'k', Data: '' });
    const second = await plane.invoke('PutRecord', {
      StreamName: 'three',
      PartitionKey: 'k',
      Data: '',
      SequenceNumberForOrdering: first.SequenceNumber,
    });
    assert.ok(BigInt(second.SequenceNumber as string) > BigInt(first.SequenceNumber as string));
    const err = await awsErrorOf(() =>
      plane.invoke('PutRecord', { StreamName: 'three', PartitionKey: 'k', Data: '', SequenceNumberForOrdering: '1234' }),
    );
    assert.deepEqual(err, {
      type: 'InvalidArgumentException',
      message: 'ExclusiveMinimumSequenceNumber 1234 used in PutRecord on stream three under account 000000000000 is invalid.',
      statusCode: 400,
    });
  });

  test("PutRecord returns ValidationException for a record over the stream's maximum record size", async () => {
    const err = await awsErrorOf(() =>
      plane.invoke('PutRecord', { StreamName: 'three', PartitionKey: 'ab', Data: Buffer.alloc(1024 * 1024 - 1).toString('base64') }),
    );
    assert.deepEqual(err, {
      type: 'ValidationException',
      message: "1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576",
      statusCode: 400,
    });
    const ok = await plane.invoke('PutRecord', { StreamName: 'three', PartitionKey: 'a', Data: Buffer.alloc(1024 * 1024 - 1).toString('base64') });
    assert.equal(typeof ok.SequenceNumber, 'string');
  });

  test('PutRecord reports EncryptionType KMS on an encrypted stream', async () => {
    await plane.streams.update({ streamName: 'three' }, () => ({ encryptionType: 'KMS', keyId: 'alias/aws/kinesis' }));
    const out = await plane.invoke('PutRecord', { StreamName: 'three', PartitionKey: 'a', Data: '' });
    assert.equal(out.EncryptionType, 'KMS');
  });
});
