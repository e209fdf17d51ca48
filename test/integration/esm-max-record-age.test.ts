// ESM.md §12.5 (§5.2, §5.4): with MaximumRecordAgeInSeconds 60 a head record that is already too old
// is discarded without invoking (RecordAgeExceeded, no responseContext, batchSize 1) and the fresh
// records behind it are delivered together. The record is made old by restarting the server on the
// same data dir with its clock 70 s ahead.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EsmFixture } from './support/esm-fixture.js';
import { clockShiftEnv } from './support/esm-clock-shift.js';
import { recordingHandler, recordText } from './support/esm-handler.js';

const STREAM = 'age-stream';
const SHARD = 'shardId-000000000000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

let first: EsmFixture;
let later: EsmFixture | undefined;

before(async () => {
  first = await EsmFixture.start();
});

after(async () => {
  await later?.close();
  await first?.close();
});

describe('MaximumRecordAgeInSeconds', () => {
  test('an expired head record is discarded without invoking; the 5 fresh records arrive in one invocation', async () => {
    const streamArn = await first.createStream(STREAM);
    const [old] = await first.put(STREAM, [{ key: 'old', data: 'old' }]);
    await first.server.stop();

    later = await EsmFixture.start({ dataDir: first.server.dataDir, env: await clockShiftEnv(first.dir, 70_000) });
    const fn = await later.createFunction('age-fn', recordingHandler('throw new Error("every invocation fails");'));
    const dlq = await later.createQueue('age-dlq');
    const fresh = await later.put(STREAM, Array.from({ length: 5 }, (_, i) => ({ key: 'new', data: `fresh-${i}` })));
    await later.createMapping({
      FunctionName: fn.name,
      EventSourceArn: streamArn,
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      MaximumRecordAgeInSeconds: 60,
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnFailure: { Destination: dlq.arn } },
    });

    const bodies = await later.drainQueue(dlq, 2);
    const invocations = fn.invocations();
    assert.equal(invocations.length, 1);
    assert.deepEqual(invocations[0]!.event.Records.map(recordText), ['fresh-0', 'fresh-1', 'fresh-2', 'fresh-3', 'fresh-4']);

    const aged = bodies.find((b) => (b['requestContext'] as Record<string, unknown>)['condition'] === 'RecordAgeExceeded');
    assert.ok(aged, JSON.stringify(bodies));
    assert.deepEqual(Object.keys(aged), ['requestContext', 'version', 'timestamp', 'KinesisBatchInfo']);
    const request = aged['requestContext'] as Record<string, unknown>;
    assert.match(String(request['requestId']), UUID);
    assert.deepEqual({ ...request, requestId: 'checked' }, {
      requestId: 'checked',
      functionArn: fn.arn,
      condition: 'RecordAgeExceeded',
      approximateInvokeCount: 1,
    });
    assert.equal(aged['version'], '1.0');
    assert.match(String(aged['timestamp']), ISO_MS);
    const info = aged['KinesisBatchInfo'] as Record<string, unknown>;
    assert.equal(info['shardId'], SHARD);
    assert.equal(info['startSequenceNumber'], old!.SequenceNumber);
    assert.equal(info['endSequenceNumber'], old!.SequenceNumber);
    assert.equal(info['approximateArrivalOfFirstRecord'], info['approximateArrivalOfLastRecord']);
    assert.equal(info['batchSize'], 1);
    assert.equal(info['streamArn'], streamArn);

    // The fresh batch failed once with MaximumRetryAttempts 0: discarded with RetryAttemptsExhausted.
    const exhausted = bodies.find((b) => b !== aged)!;
    assert.equal((exhausted['requestContext'] as Record<string, unknown>)['condition'], 'RetryAttemptsExhausted');
    assert.equal((exhausted['requestContext'] as Record<string, unknown>)['approximateInvokeCount'], 1);
    const exhaustedInfo = exhausted['KinesisBatchInfo'] as Record<string, unknown>;
    assert.equal(exhaustedInfo['startSequenceNumber'], fresh[0]!.SequenceNumber);
    assert.equal(exhaustedInfo['endSequenceNumber'], fresh[4]!.SequenceNumber);
    assert.equal(exhaustedInfo['batchSize'], 5);
  });
});
