// ESM.md §12.2 (and §5.2, §5.4, §11): a failing batch is retried MaximumRetryAttempts times, then its
// coordinates go to the SQS on-failure destination in AWS's exact format and the shard moves on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GetEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { EsmFixture } from './support/esm-fixture.js';
import { recordingHandler, recordText, type RecordedInvocation } from './support/esm-handler.js';
import { pollUntil } from './support/poll-until.js';

const STREAM = 'retry-stream';
const SHARD = 'shardId-000000000000';
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const FAIL_ON_POISON = recordingHandler(`
  if (event.Records.some((r) => data(r) === 'poison')) throw new Error('poison record');
  return { ok: true };
`);

let fx: EsmFixture;
let streamArn: string;

before(async () => {
  fx = await EsmFixture.start();
  streamArn = await fx.createStream(STREAM);
});

after(async () => {
  await fx?.close();
});

const texts = (invocations: readonly RecordedInvocation[]): string[] => invocations.flatMap((i) => i.event.Records.map(recordText));

describe('retries and the on-failure destination', () => {
  test('MaximumRetryAttempts 1: two invocations, then the exact on-failure record in SQS, then the shard moves on', async () => {
    const fn = await fx.createFunction('retry-fn', FAIL_ON_POISON);
    const dlq = await fx.createQueue('retry-dlq');
    const [poison] = await fx.put(STREAM, [{ key: 'p', data: 'poison' }]);
    const before = Date.now();
    const created = await fx.cli.json(
      'lambda', 'create-event-source-mapping',
      '--function-name', fn.name,
      '--event-source-arn', streamArn,
      '--batch-size', '1',
      '--starting-position', 'TRIM_HORIZON',
      '--maximum-retry-attempts', '1',
      '--destination-config', JSON.stringify({ OnFailure: { Destination: dlq.arn } }),
    );
    const uuid = String(created!['UUID']);

    const [body] = await fx.drainQueue(dlq, 1);
    const poisonCalls = fn.invocations().filter((i) => texts([i]).includes('poison'));
    assert.equal(poisonCalls.length, 2);
    assert.ok(poisonCalls.every((i) => i.outcome === 'error' && i.event.Records.length === 1));
    const arrival = new Date(poisonCalls[0]!.event.Records[0]!.kinesis.approximateArrivalTimestamp * 1000).toISOString();

    assert.deepEqual(Object.keys(body!), ['requestContext', 'responseContext', 'version', 'timestamp', 'KinesisBatchInfo']);
    assert.match(String(body!['timestamp']), ISO_MS);
    const discardedAt = Date.parse(String(body!['timestamp']));
    assert.ok(discardedAt >= before - 1000 && discardedAt <= Date.now(), `timestamp ${String(body!['timestamp'])}`);
    assert.deepEqual(
      { ...body, timestamp: 'checked' },
      {
        requestContext: {
          requestId: poisonCalls[1]!.requestId,
          functionArn: fn.arn,
          condition: 'RetryAttemptsExhausted',
          approximateInvokeCount: 2,
        },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        version: '1.0',
        timestamp: 'checked',
        KinesisBatchInfo: {
          shardId: SHARD,
          startSequenceNumber: poison!.SequenceNumber,
          endSequenceNumber: poison!.SequenceNumber,
          approximateArrivalOfFirstRecord: arrival,
          approximateArrivalOfLastRecord: arrival,
          batchSize: 1,
          streamArn,
        },
      },
    );
    assert.deepEqual(Object.keys(body!['requestContext'] as object), ['requestId', 'functionArn', 'condition', 'approximateInvokeCount']);
    assert.deepEqual(Object.keys(body!['KinesisBatchInfo'] as object), [
      'shardId', 'startSequenceNumber', 'endSequenceNumber', 'approximateArrivalOfFirstRecord', 'approximateArrivalOfLastRecord', 'batchSize', 'streamArn',
    ]);

    await pollUntil(async () => {
      const got = await fx.lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }));
      return got.LastProcessingResult === 'PROBLEM: Function call failed';
    }, 'LastProcessingResult PROBLEM: Function call failed');

    await fx.put(STREAM, [{ key: 'g', data: 'good' }]);
    const all = await fx.waitForInvocations(fn, (calls) => texts(calls).includes('good'), 'the good record after the poison one');
    assert.deepEqual(texts(all), ['poison', 'poison', 'good']);
    await pollUntil(async () => {
      const got = await fx.lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }));
      return got.LastProcessingResult === 'OK';
    }, 'LastProcessingResult OK');
  });

  test('without a destination a discarded record is skipped silently (MaximumRetryAttempts 0: one invocation)', async () => {
    const fn = await fx.createFunction('no-dest-fn', FAIL_ON_POISON);
    // The stream already holds poison, good; a second consumer starts from the beginning.
    await fx.createMapping({ FunctionName: fn.name, EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 1, MaximumRetryAttempts: 0 });
    const all = await fx.waitForInvocations(fn, (calls) => texts(calls).includes('good'), 'the good record');
    assert.deepEqual(texts(all), ['poison', 'good']);
  });
});
