// Model-driven validation against the real Kinesis model: SerializationException texts for type
// mismatches, then ValidationException with AWS's exact wording, order and 10-item cap.

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createModelService } from '../../src/api/model/model-service.js';
import { loadServiceModel } from '../../src/api/model/service-model.js';
import { AwsError } from '../../src/errors/aws-error.js';
import { ManualClock } from '../../src/engine/clock.js';
import type { OperationInput, RequestContext } from '../../src/api/operation.js';

const model = loadServiceModel('kinesis');
let lastInput: OperationInput | undefined;
const kinesis = createModelService<null>({
  model,
  targetPrefix: 'Kinesis_20131202',
  signingName: 'kinesis',
  jsonVersion: '1.1',
  operations: model.operationNames().map((name) => ({
    name,
    handle: async (input: OperationInput) => {
      lastInput = input;
      return {};
    },
  })),
  deps: null,
});
const ctx: RequestContext = { requestId: 'r', accountId: '000000000000', region: 'us-east-1', clock: new ManualClock() };

async function reject(op: string, body: unknown, wire: 'json' | 'cbor' = 'json'): Promise<AwsError> {
  try {
    await kinesis.invoke(op, body, wire, ctx);
  } catch (err) {
    assert.ok(err instanceof AwsError);
    return err;
  }
  assert.fail(`${op} accepted ${JSON.stringify(body)}`);
}

async function serialization(op: string, body: unknown, message: string, wire: 'json' | 'cbor' = 'json'): Promise<void> {
  const err = await reject(op, body, wire);
  assert.equal(err.type, 'SerializationException');
  assert.equal(err.statusCode, 400);
  assert.equal(err.message, message);
}

async function validation(op: string, body: unknown, violations: readonly string[]): Promise<void> {
  const err = await reject(op, body);
  assert.equal(err.type, 'ValidationException');
  assert.equal(err.statusCode, 400);
  const noun = violations.length === 1 ? 'error' : 'errors';
  assert.equal(err.message, `${violations.length} validation ${noun} detected: ${violations.join('; ')}`);
}

const v = (value: string | null, path: string, constraint: string) =>
  `Value ${value === null ? 'null' : `'${value}'`} at '${path}' failed to satisfy constraint: ${constraint}`;

describe('Kinesis type errors (SerializationException)', () => {
  test('CreateStream returns SerializationException when ShardCount is not an Integer', async () => {
    await serialization('CreateStream', { StreamName: 'a', ShardCount: '23' }, 'class java.lang.String can not be converted to an Integer');
    await serialization('CreateStream', { StreamName: 'a', ShardCount: true }, 'class java.lang.Boolean can not be converted to an Integer');
    await serialization('CreateStream', { StreamName: 'a', ShardCount: [] }, 'Start of list found where not expected');
    await serialization('CreateStream', { StreamName: 'a', ShardCount: {} }, 'Start of structure or map found where not expected.');
  });

  test('CreateStream returns SerializationException when StreamName is not a String', async () => {
    const number = 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String';
    await serialization('CreateStream', { StreamName: 23 }, number);
    await serialization('CreateStream', { StreamName: 34.56 }, number);
    await serialization('CreateStream', { StreamName: false }, 'class java.lang.Boolean can not be converted to an String');
  });

  test('type errors win over constraint violations, and the first in the document is reported', async () => {
    await serialization('CreateStream', { StreamName: '', ShardCount: 'x' }, 'class java.lang.String can not be converted to an Integer');
    await serialization(
      'CreateStream',
      { StreamName: 5, ShardCount: 'x' },
      'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String',
    );
  });

  test('PutRecords returns SerializationException for bad Records, entries and Data', async () => {
    await serialization('PutRecords', { Records: 'x' }, 'Expected list or null');
    await serialization('PutRecords', { Records: {} }, 'Start of structure or map found where not expected.');
    await serialization('PutRecords', { Records: [23] }, 'Expected null');
    await serialization('PutRecords', { Records: [[]] }, 'Start of list found where not expected');
    await serialization('PutRecords', { Records: [{ PartitionKey: 'a', Data: true }] }, 'class java.lang.Boolean can not be converted to a Blob');
    await serialization(
      'PutRecords',
      { Records: [{ PartitionKey: 'a', Data: 23 }] },
      'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to a Blob',
    );
    await serialization(
      'PutRecords',
      { Records: [{ PartitionKey: 'a', Data: '23456' }] },
      "'23456' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 5",
    );
  });

  test('AddTagsToStream returns SerializationException when Tags is not a map', async () => {
    await serialization('AddTagsToStream', { Tags: 'x' }, 'Expected map or null');
    await serialization('AddTagsToStream', { Tags: [] }, 'Start of list found where not expected');
    await serialization('AddTagsToStream', { Tags: { a: 1 } }, 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String');
  });

  test('DeleteStream returns SerializationException when EnforceConsumerDeletion is not a Boolean', async () => {
    await serialization('DeleteStream', { EnforceConsumerDeletion: 'hello' }, "'HELLO' can not be converted to an Boolean");
    await serialization(
      'DeleteStream',
      { EnforceConsumerDeletion: 23 },
      'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an Boolean',
    );
  });

  test('GetShardIterator returns SerializationException when Timestamp is not a number', async () => {
    await serialization(
      'GetShardIterator',
      { ShardId: 'shardId-0', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: 'now' },
      'class java.lang.String can not be converted to milliseconds since epoch',
    );
  });

  test('CreateStream returns SerializationException when StreamModeDetails is not a structure', async () => {
    await serialization('CreateStream', { StreamName: 'a', StreamModeDetails: 'x' }, 'Expected null');
    await serialization('CreateStream', { StreamName: 'a', StreamModeDetails: [] }, 'Start of list found where not expected');
  });

  test('a top-level list is a SerializationException', async () => {
    await serialization('ListStreams', [], 'Start of list found where not expected');
  });
});

describe('Kinesis constraint errors (ValidationException)', () => {
  test('CreateStream reports a too-long StreamName', async () => {
    const name = 'a'.repeat(129);
    await validation('CreateStream', { StreamName: name }, [v(name, 'streamName', 'Member must have length less than or equal to 128')]);
  });

  test('CreateStream reports pattern and length for an empty StreamName, and ShardCount below 1', async () => {
    await validation('CreateStream', { StreamName: '', ShardCount: 0 }, [
      v('0', 'shardCount', 'Member must have value greater than or equal to 1'),
      v('', 'streamName', 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+'),
      v('', 'streamName', 'Member must have length greater than or equal to 1'),
    ]);
  });

  test('CreateStream reports a path-like StreamName against the pattern', async () => {
    await validation('CreateStream', { StreamName: '../etc/passwd' }, [
      v('../etc/passwd', 'streamName', 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+'),
    ]);
  });

  test('CreateStream reports missing required members, nested paths and enums', async () => {
    await validation('CreateStream', {}, [v(null, 'streamName', 'Member must not be null')]);
    await validation('CreateStream', { StreamName: 'a', StreamModeDetails: {} }, [
      v(null, 'streamModeDetails.streamMode', 'Member must not be null'),
    ]);
    await validation('CreateStream', { StreamName: 'a', StreamModeDetails: { StreamMode: 'FAST' } }, [
      v('FAST', 'streamModeDetails.streamMode', 'Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]'),
    ]);
  });

  test('PutRecord reports missing members in AWS order', async () => {
    await validation('PutRecord', {}, [v(null, 'partitionKey', 'Member must not be null'), v(null, 'data', 'Member must not be null')]);
  });

  test('PutRecord reports every empty member in AWS order', async () => {
    await validation('PutRecord', { StreamName: '', PartitionKey: '', Data: '', ExplicitHashKey: '', SequenceNumberForOrdering: '' }, [
      v('', 'sequenceNumberForOrdering', 'Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})'),
      v('', 'partitionKey', 'Member must have length greater than or equal to 1'),
      v('', 'explicitHashKey', 'Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})'),
      v('', 'streamName', 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+'),
      v('', 'streamName', 'Member must have length greater than or equal to 1'),
    ]);
  });

  test('PutRecords reports entry members with records.N.member paths', async () => {
    await validation('PutRecords', { StreamName: '', Records: [{ PartitionKey: '', Data: '', ExplicitHashKey: '' }] }, [
      v('', 'records.1.member.partitionKey', 'Member must have length greater than or equal to 1'),
      v('', 'records.1.member.explicitHashKey', 'Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})'),
      v('', 'streamName', 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+'),
      v('', 'streamName', 'Member must have length greater than or equal to 1'),
    ]);
  });

  test('PutRecords returns ValidationException for 501 records, listing only 10 violations', async () => {
    const records = Array.from({ length: 501 }, () => ({ PartitionKey: '', Data: '' }));
    const entries = Array.from({ length: 501 }, () => 'com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@2');
    const perRecord = Array.from({ length: 9 }, (_, i) =>
      v('', `records.${i + 1}.member.partitionKey`, 'Member must have length greater than or equal to 1'),
    );
    await validation('PutRecords', { StreamName: 'a', Records: records }, [
      v(`[${entries.join(', ')}]`, 'records', 'Member must have length less than or equal to 500'),
      ...perRecord,
    ]);
  });

  test('PutRecords with 11 bad records lists exactly 10', async () => {
    const records = Array.from({ length: 11 }, () => ({ PartitionKey: 'k'.repeat(257), Data: '' }));
    const err = await reject('PutRecords', { Records: records });
    assert.match(err.message, /^10 validation errors detected: /);
    assert.equal(err.message.split('; ').length, 10);
    assert.ok(err.message.endsWith(v('k'.repeat(257), 'records.10.member.partitionKey', 'Member must have length less than or equal to 256')));
  });

  test('PutRecord prints blobs as HeapByteBuffers against the model maximum (10 MiB)', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1);
    await validation('PutRecord', { PartitionKey: 'a', Data: big.toString('base64') }, [
      v('java.nio.HeapByteBuffer[pos=0 lim=10485761 cap=10485761]', 'data', 'Member must have length less than or equal to 10485760'),
    ]);
  });

  test('PutRecord accepts 1 MiB + 1 at the model level (the per-stream 1 MiB limit is semantic)', async () => {
    await kinesis.invoke('PutRecord', { PartitionKey: 'a', Data: Buffer.alloc(1024 * 1024 + 1).toString('base64') }, 'json', ctx);
    assert.equal((lastInput?.Data as Buffer).length, 1024 * 1024 + 1);
  });

  test('GetShardIterator reports a wrong enum in AWS order', async () => {
    await validation('GetShardIterator', { ShardId: 'shardId-0', ShardIteratorType: 'OLDEST' }, [
      v('OLDEST', 'shardIteratorType', 'Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_TIMESTAMP, AT_SEQUENCE_NUMBER, TRIM_HORIZON]'),
    ]);
  });

  test('AddTagsToStream reports map size, keys and values', async () => {
    await validation('AddTagsToStream', { Tags: {} }, [v('{}', 'tags', 'Member must have length greater than or equal to 1')]);
    const longKey = 'k'.repeat(129);
    await validation('AddTagsToStream', { Tags: { [longKey]: 'v', b: 'x'.repeat(257) } }, [
      v(`{${longKey}=v, b=${'x'.repeat(257)}}`, 'tags', 'Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]'),
      v(`{${longKey}=v, b=${'x'.repeat(257)}}`, 'tags', 'Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0]'),
    ]);
  });

  test('RemoveTagsFromStream reports list size and member constraints at the list path', async () => {
    await validation('RemoveTagsFromStream', { TagKeys: [] }, [v('[]', 'tagKeys', 'Member must have length greater than or equal to 1')]);
    await validation('RemoveTagsFromStream', { TagKeys: ['a', ''] }, [
      v('[a, ]', 'tagKeys', 'Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]'),
    ]);
  });

  test('EnableEnhancedMonitoring reports enum members of a list', async () => {
    await validation('EnableEnhancedMonitoring', { ShardLevelMetrics: ['ALL', 'Bytes'] }, [
      v('[ALL, Bytes]', 'shardLevelMetrics', 'Member must satisfy constraint: [Member must satisfy enum value set: [IncomingBytes, IncomingRecords, OutgoingBytes, OutgoingRecords, WriteProvisionedThroughputExceeded, ReadProvisionedThroughputExceeded, IteratorAgeMilliseconds, ALL]]'),
    ]);
  });

  test('list operations report members in the order AWS recorded (Limit/MaxResults first)', async () => {
    await validation('DescribeStream', { StreamName: '', Limit: 0, ExclusiveStartShardId: '' }, [
      v('0', 'limit', 'Member must have value greater than or equal to 1'),
      v('', 'exclusiveStartShardId', 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+'),
      v('', 'exclusiveStartShardId', 'Member must have length greater than or equal to 1'),
      v('', 'streamName', 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+'),
      v('', 'streamName', 'Member must have length greater than or equal to 1'),
    ]);
    await validation('ListStreams', { ExclusiveStartStreamName: '', Limit: 0 }, [
      v('0', 'limit', 'Member must have value greater than or equal to 1'),
      v('', 'exclusiveStartStreamName', 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+'),
      v('', 'exclusiveStartStreamName', 'Member must have length greater than or equal to 1'),
    ]);
    await validation('ListShards', { StreamName: '', NextToken: '', MaxResults: 0, ExclusiveStartShardId: '' }, [
      v('0', 'maxResults', 'Member must have value greater than or equal to 1'),
      v('', 'exclusiveStartShardId', 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+'),
      v('', 'exclusiveStartShardId', 'Member must have length greater than or equal to 1'),
      v('', 'streamName', 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+'),
      v('', 'streamName', 'Member must have length greater than or equal to 1'),
      v('', 'nextToken', 'Member must have length greater than or equal to 1'),
    ]);
    await validation('SplitShard', {}, [
      v(null, 'newStartingHashKey', 'Member must not be null'),
      v(null, 'shardToSplit', 'Member must not be null'),
    ]);
  });

  test('ListShards reports MaxResults out of range', async () => {
    await validation('ListShards', { MaxResults: 10001 }, [v('10001', 'maxResults', 'Member must have value less than or equal to 10000')]);
  });
});

describe('Kinesis coercion', () => {
  test('unknown members are ignored, as AWS does, and never reach the operation', async () => {
    await kinesis.invoke('CreateStream', { StreamName: 'a', Bogus: { deep: [1] }, shardCount: 'x' }, 'json', ctx);
    assert.deepEqual(lastInput, { StreamName: 'a' });
  });

  test('JSON timestamps are epoch seconds, CBOR timestamps epoch milliseconds', async () => {
    await kinesis.invoke('GetShardIterator', { ShardId: 's', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: 1700000000.5 }, 'json', ctx);
    assert.deepEqual(lastInput?.Timestamp, new Date(1_700_000_000_500));
    await kinesis.invoke('GetShardIterator', { ShardId: 's', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: new Date(5) }, 'cbor', ctx);
    assert.deepEqual(lastInput?.Timestamp, new Date(5));
  });

  test('integers truncate and saturate like AWS before range checks', async () => {
    await kinesis.invoke('CreateStream', { StreamName: 'a', ShardCount: 2.9 }, 'json', ctx);
    assert.equal(lastInput?.ShardCount, 2);
    await validation('ListShards', { MaxResults: 1e12 }, [v('2147483647', 'maxResults', 'Member must have value less than or equal to 10000')]);
  });

  test('CBOR blobs arrive as Buffers and null members count as absent', async () => {
    await kinesis.invoke('PutRecords', { Records: [{ PartitionKey: 'p', Data: Buffer.from([1]), ExplicitHashKey: null }] }, 'cbor', ctx);
    assert.deepEqual(lastInput, { Records: [{ PartitionKey: 'p', Data: Buffer.from([1]) }] });
  });
});
