// ESM.md §12.1 (and §1, §3): the exact event a Kinesis mapping delivers, checked against what
// GetRecords reports for the same records; LATEST skips older records; LastProcessingResult "OK".
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-kinesis';
import { GetEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { EsmFixture, REGION, ROLE } from './support/esm-fixture.js';
import { recordingHandler, recordText } from './support/esm-handler.js';
import { pollUntil } from './support/poll-until.js';

const STREAM = 'shape-stream';
const SHARD = 'shardId-000000000000';
const RECORD_KEYS = ['kinesis', 'eventSource', 'eventVersion', 'eventID', 'eventName', 'invokeIdentityArn', 'awsRegion', 'eventSourceARN'];

let fx: EsmFixture;
let streamArn: string;

before(async () => {
  fx = await EsmFixture.start();
  streamArn = await fx.createStream(STREAM);
});

after(async () => {
  await fx?.close();
});

describe('the event a Kinesis mapping delivers', () => {
  test('10 records put before a TRIM_HORIZON mapping arrive in one invocation with exactly the documented fields', async () => {
    const fn = await fx.createFunction('shape-fn', recordingHandler('return { ok: true };'));
    const put = await fx.put(
      STREAM,
      Array.from({ length: 10 }, (_, i) => ({ key: `test_${i}`, data: 'hello' })),
    );
    const iterator = await fx.kinesis.send(new GetShardIteratorCommand({ StreamName: STREAM, ShardId: SHARD, ShardIteratorType: 'TRIM_HORIZON' }));
    const stored = await fx.kinesis.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator! }));
    assert.equal(stored.Records!.length, 10);

    const mapping = await fx.createMapping({ FunctionName: fn.name, EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 100 });
    const invocations = await fx.waitForInvocations(fn, (all) => all.flatMap((i) => i.event.Records).length >= 10, '10 records delivered');

    assert.equal(invocations.length, 1);
    const [invocation] = invocations;
    assert.equal(invocation!.functionVersion, '$LATEST');
    assert.deepEqual(Object.keys(invocation!.event), ['Records']);
    const expected = put.map((entry, i) => ({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: `test_${i}`,
        sequenceNumber: entry.SequenceNumber!,
        data: 'aGVsbG8=',
        approximateArrivalTimestamp: stored.Records![i]!.ApproximateArrivalTimestamp!.getTime() / 1000,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `${SHARD}:${entry.SequenceNumber!}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: ROLE,
      awsRegion: REGION,
      eventSourceARN: streamArn,
    }));
    assert.deepEqual(invocation!.event.Records, expected);
    for (const record of invocation!.event.Records) {
      assert.deepEqual(Object.keys(record), RECORD_KEYS);
      assert.equal(typeof record.kinesis.sequenceNumber, 'string');
    }

    const settled = await pollUntil(async () => {
      const got = await fx.lambda.send(new GetEventSourceMappingCommand({ UUID: mapping.UUID! }));
      return got.LastProcessingResult === 'OK' ? got : undefined;
    }, 'LastProcessingResult OK');
    assert.equal(settled.State, 'Enabled');
  });

  test('a LATEST mapping delivers only records put after it is Enabled', async () => {
    const fn = await fx.createFunction('latest-fn', recordingHandler('return null;'));
    await fx.createMapping({ FunctionName: fn.name, EventSourceArn: streamArn, StartingPosition: 'LATEST', BatchSize: 100 });
    const [entry] = await fx.put(STREAM, [{ key: 'after', data: 'fresh' }]);

    const invocations = await fx.waitForInvocations(fn, (all) => all.length >= 1, 'the fresh record delivered');
    const records = invocations.flatMap((i) => i.event.Records);
    assert.deepEqual(records.map(recordText), ['fresh']);
    assert.equal(records[0]!.kinesis.sequenceNumber, entry!.SequenceNumber);
  });

  test('an AT_TIMESTAMP mapping starts at the first record arriving at or after the timestamp', async () => {
    await fx.put(STREAM, [{ key: 'before', data: 'old' }]);
    const fn = await fx.createFunction('at-ts-fn', recordingHandler('return null;'));
    // The next record's arrival time is at or after `since` (arrival times are whole milliseconds).
    const since = new Date(Math.ceil((Date.now() + 5) / 1000) * 1000);
    await pollUntil(async () => Date.now() >= since.getTime(), 'the timestamp to pass', 3000, 5);
    await fx.put(STREAM, [{ key: 'k', data: 'new-1' }, { key: 'k', data: 'new-2' }]);
    await fx.createMapping({
      FunctionName: fn.name,
      EventSourceArn: streamArn,
      StartingPosition: 'AT_TIMESTAMP',
      StartingPositionTimestamp: since,
    });
    const invocations = await fx.waitForInvocations(fn, (all) => all.flatMap((i) => i.event.Records).length >= 2, 'the two newer records');
    assert.deepEqual(invocations.flatMap((i) => i.event.Records).map(recordText), ['new-1', 'new-2']);
  });
});
