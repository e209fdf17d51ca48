// PutRecords conformance: validation, AWS's semantic errors, routing, partial failures.

import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { parseSequenceNumber } from '../../../src/engine/streams/sequence-number.js';
import { awsErrorOf, createDataPlane, type DataPlane } from './data-plane-fixture.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const MIB = 1024 * 1024;
const third = (1n << 128n) / 3n;

describe('PutRecords', () => {
  let plane: DataPlane;
  beforeEach(async () => {
    plane = await createDataPlane();
    await plane.createStream('three', 3);
  });
  afterEach(() => plane.close());

  test('PutRecords returns ValidationException for 501 records', async () => {
    const records = Array.from({ length: 501 }, () => ({ PartitionKey: 'a', Data: '' }));
    const err = await awsErrorOf(() => plane.invoke('PutRecords', { StreamName: 'three', Records: records }));
    assert.equal(err.type, 'ValidationException');
    assert.match(err.message, /^1 validation error detected: .* at 'records' failed to satisfy constraint: Member must have length less than or equal to 500$/);
  });

  test('PutRecords returns ResourceNotFoundException for an unknown stream', async () => {
    const err = await awsErrorOf(() => plane.invoke('PutRecords', { StreamName: 'nope', Records: [{ PartitionKey: 'a', Data: '' }] }));
    assert.deepEqual(err, { type: 'ResourceNotFoundException', message: 'Stream nope under account 000000000000 not found.', statusCode: 400 });
  });

  test('PutRecords returns ResourceNotFoundException while the stream is CREATING', async () => {
    const slow = await createDataPlane({ createDelayMs: 1000 });
    try {
      await slow.createStream('young', 1);
      const err = await awsErrorOf(() => slow.invoke('PutRecords', { StreamName: 'young', Records: [{ PartitionKey: 'a', Data: '' }] }));
      assert.deepEqual(err, { type: 'ResourceNotFoundException', message: 'Stream young under account 000000000000 not found.', statusCode: 400 });
      slow.clock.advance(1000);
      const ok = await slow.invoke('PutRecords', { StreamName: 'young', Records: [{ PartitionKey: 'a', Data: '' }] });
      assert.equal(ok.FailedRecordCount, 0);
    } finally {
      await slow.close();
    }
  });

  test('PutRecords returns InvalidArgumentException for an ExplicitHashKey of 2^128 and stores nothing', async () => {
    const hashKey = (1n << 128n).toString();
    const err = await awsErrorOf(() =>
      plane.invoke('PutRecords', { StreamName: 'three', Records: [{ PartitionKey: 'a', Data: '' }, { PartitionKey: 'a', Data: '', ExplicitHashKey: hashKey }] }),
    );
    assert.deepEqual(err, {
      type: 'InvalidArgumentException',
      message: `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${hashKey}`,
      statusCode: 400,
    });
    const stream = plane.streams.require({ streamName: 'three' });
    assert.deepEqual(stream.shards.map((s) => plane.log.bounds(s.logKey).endOffset), [0, 0, 0]);
  });

  test('PutRecords routes partition keys and explicit hash keys as AWS does, in request order', async () => {
    const records = [
      { PartitionKey: 'a', Data: '' },
      { PartitionKey: 'b', Data: '' },
      { PartitionKey: 'e', Data: '' },
      { PartitionKey: 'f', Data: '' },
      { PartitionKey: 'a', Data: '', ExplicitHashKey: ((1n << 128n) - 1n).toString() },
      { PartitionKey: 'a', Data: '', ExplicitHashKey: (third * 2n - 1n).toString() },
      { PartitionKey: 'a', Data: '', ExplicitHashKey: (third * 2n).toString() },
    ];
    const out = await plane.invoke('PutRecords', { StreamName: 'three', Records: records });
    assert.equal(out.FailedRecordCount, 0);
    assert.equal(out.EncryptionType, undefined);
    const results = out.Records as { ShardId: string; SequenceNumber: string }[];
    assert.deepEqual(results.map((r) => r.ShardId.slice(-1)), ['0', '1', '2', '1', '2', '1', '2']);
    assert.deepEqual(Object.keys(results[0]!), ['SequenceNumber', 'ShardId']);
    const parts = results.map((r) => parseSequenceNumber(r.SequenceNumber)!);
    assert.deepEqual(parts.map((p) => p.shardIndex), [0, 1, 2, 1, 2, 1, 2]);
    assert.deepEqual(parts.map((p) => p.offset), [0, 0, 0, 1, 1, 2, 2]);
    assert.ok(parts.every((p) => p.timestamp === plane.clock.now()));
    // Within a shard, sequence numbers increase in request order.
    for (const [i, j] of [[1, 3], [3, 5], [2, 4], [4, 6]] as const) {
      assert.ok(BigInt(results[i]!.SequenceNumber) < BigInt(results[j]!.SequenceNumber));
    }
  });

  test('PutRecords accepts StreamARN instead of StreamName', async () => {
    const out = await plane.invoke('PutRecords', {
      StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/three',
      Records: [{ PartitionKey: 'a', Data: b64('x') }],
    });
    assert.equal(out.FailedRecordCount, 0);
  });

  test('PutRecords returns InvalidArgumentException when data and keys exceed 5 MiB', async () => {
    const mib = Buffer.alloc(MIB - 3).toString('base64');
    const exact = Array.from({ length: 5 }, () => ({ PartitionKey: 'key', Data: mib }));
    const ok = await plane.invoke('PutRecords', { StreamName: 'three', Records: exact });
    assert.equal(ok.FailedRecordCount, 0);
    const over = [...exact, { PartitionKey: 'k', Data: '' }];
    const err = await awsErrorOf(() => plane.invoke('PutRecords', { StreamName: 'three', Records: over }));
    assert.deepEqual(err, { type: 'InvalidArgumentException', message: 'Records size exceeds 5 MB limit', statusCode: 400 });
  });

  test("PutRecords returns ValidationException for records over the stream's maximum record size", async () => {
    const big = Buffer.alloc(MIB - 2).toString('base64');
    const err = await awsErrorOf(() =>
      plane.invoke('PutRecords', {
        StreamName: 'three',
        Records: [{ PartitionKey: 'key', Data: big }, { PartitionKey: 'k', Data: '' }, { PartitionKey: 'key', Data: big }],
      }),
    );
    assert.deepEqual(err, {
      type: 'ValidationException',
      message:
        "2 validation errors detected: Value at 'records.1.member.data' failed to satisfy constraint: Member must have length less than or equal to 1048576; " +
        "Value at 'records.3.member.data' failed to satisfy constraint: Member must have length less than or equal to 1048576",
      statusCode: 400,
    });
    await plane.streams.update({ streamName: 'three' }, () => ({ maxRecordSizeKiB: 2048 }));
    const bigger = Buffer.alloc(2 * MIB - 3).toString('base64');
    const ok = await plane.invoke('PutRecords', { StreamName: 'three', Records: [{ PartitionKey: 'key', Data: bigger }] });
    assert.equal(ok.FailedRecordCount, 0);
  });

  test('PutRecords reports entries of a failing shard as InternalFailure and stores the rest', async () => {
    const stream = plane.streams.require({ streamName: 'three' });
    plane.log.failingShards.add(stream.shards[1]!.logKey);
    const out = await plane.invoke('PutRecords', {
      StreamName: 'three',
      Records: ['a', 'b', 'e', 'f'].map((k) => ({ PartitionKey: k, Data: b64(k) })),
    });
    assert.equal(out.FailedRecordCount, 2);
    const results = out.Records as Record<string, string>[];
    assert.deepEqual(results[1], { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal Service Failure' });
    assert.deepEqual(results[3], { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal Service Failure' });
    assert.equal(results[0]!.ShardId, 'shardId-000000000000');
    assert.equal(results[2]!.ShardId, 'shardId-000000000002');
    assert.equal(plane.log.bounds(stream.shards[0]!.logKey).endOffset, 1);
    assert.deepEqual(plane.appendErrors, [stream.shards[1]!.logKey]);
  });

  test('PutRecords reports EncryptionType KMS on an encrypted stream', async () => {
    await plane.streams.update({ streamName: 'three' }, () => ({ encryptionType: 'KMS', keyId: 'alias/aws/kinesis' }));
    const out = await plane.invoke('PutRecords', { StreamName: 'three', Records: [{ PartitionKey: 'a', Data: '' }] });
    assert.equal(out.EncryptionType, 'KMS');
  });
});
