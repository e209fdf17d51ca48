import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FunctionThrottledError } from '../functions/function-invoker.js';
import { createHarness, FUNCTION_ARN, mappingOf, QUEUE_ARN, settle, STREAM_ARN } from './engine/testing/engine-harness.js';
import type { FakeResponse } from './engine/testing/fake-invoker.js';

const FAIL: FakeResponse = { payload: '{"errorType":"Error","errorMessage":"boom","trace":[]}', functionError: 'Unhandled' };
const iso = (ms: number): string => new Date(ms).toISOString();

describe('MappingEngine: failures, retries and on-failure destinations', () => {
  test('MaximumRetryAttempts 1: two invocations, then the exact RetryAttemptsExhausted record in the queue', async () => {
    const h = await createHarness();
    try {
      const [seq] = await h.put([['k', 'x']]);
      const arrival = h.clock.now();
      h.invoker.respond = () => FAIL;
      await h.engine.apply(mappingOf({ batchSize: 1, maximumRetryAttempts: 1, onFailureDestination: QUEUE_ARN }));
      await h.invoker.untilCalls(2);
      await settle();
      assert.equal(h.invoker.calls.length, 2);
      assert.equal(h.queue.messages.length, 1);
      const expected = {
        requestContext: { requestId: h.invoker.calls[1]!.request.requestId, functionArn: FUNCTION_ARN, condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        version: '1.0',
        timestamp: iso(h.clock.now()),
        KinesisBatchInfo: {
          shardId: 'shardId-000000000000', startSequenceNumber: seq, endSequenceNumber: seq,
          approximateArrivalOfFirstRecord: iso(arrival), approximateArrivalOfLastRecord: iso(arrival), batchSize: 1, streamArn: STREAM_ARN,
        },
      };
      assert.equal(h.queue.messages[0]!.body, JSON.stringify(expected));
      assert.deepEqual(h.status.results, ['PROBLEM: Function call failed']);
      h.invoker.respond = () => ({});
      await h.put([['k', 'y']]);
      await h.invoker.untilCalls(3);
      await settle();
      assert.deepEqual(h.status.results, ['PROBLEM: Function call failed', 'OK']);
    } finally {
      await h.close();
    }
  });

  test('ReportBatchItemFailures: a record always reported failed is retried alone and discarded with count 4 and functionError null', async () => {
    const h = await createHarness();
    try {
      const seqs = await h.put(Array.from({ length: 6 }, (_, i) => [`k${i}`, `r${i}`] as const));
      h.invoker.respond = (call) => {
        const failed = call.event.Records.filter((r) => r.kinesis.sequenceNumber === seqs[5]).map((r) => ({ itemIdentifier: r.kinesis.sequenceNumber }));
        return { payload: JSON.stringify({ batchItemFailures: failed }) };
      };
      await h.engine.apply(mappingOf({ batchSize: 3, maximumRetryAttempts: 3, reportBatchItemFailures: true, onFailureDestination: QUEUE_ARN }));
      await h.invoker.untilCalls(5);
      await settle();
      assert.deepEqual(h.invoker.batches(), [['k0', 'k1', 'k2'], ['k3', 'k4', 'k5'], ['k5'], ['k5'], ['k5']]);
      const body = JSON.parse(h.queue.messages[0]!.body);
      assert.equal(h.queue.messages.length, 1);
      assert.deepEqual(body.requestContext.approximateInvokeCount, 4);
      assert.deepEqual(body.responseContext, { statusCode: 200, executedVersion: '$LATEST', functionError: null });
      assert.deepEqual([body.KinesisBatchInfo.startSequenceNumber, body.KinesisBatchInfo.endSequenceNumber, body.KinesisBatchInfo.batchSize], [seqs[5], seqs[5], 1]);
    } finally {
      await h.close();
    }
  });

  test('each of the six success shapes is a complete success: no retry, no on-failure record', async () => {
    const shapes = ['', 'null', '""', '[]', '{}', '{"batchItemFailures":[]}', '{"batchItemFailures":null}'];
    const h = await createHarness();
    try {
      h.invoker.respond = (_, i) => ({ payload: shapes[i] ?? '{}' });
      await h.engine.apply(mappingOf({ batchSize: 1, maximumRetryAttempts: 0, reportBatchItemFailures: true, onFailureDestination: QUEUE_ARN }));
      await h.put(shapes.map((_, i) => [`k${i}`, 'x'] as const));
      await h.invoker.untilCalls(shapes.length);
      await settle();
      assert.deepEqual(h.invoker.batches(), shapes.map((_, i) => [`k${i}`]));
      assert.deepEqual(h.queue.messages, []);
    } finally {
      await h.close();
    }
  });

  test('each failure shape fails the whole batch: MaximumRetryAttempts + 1 invocations, then the queue', async () => {
    const shapes = [
      '{"batchItemFailures":[{"itemIdentifier":""}]}', '{"batchItemFailures":[{"itemIdentifier":null}]}', '{"batchItemFailures":[{"foo":123}]}',
      '{"batchItemFailures":[{"itemIdentifier":123}]}', '{"batchItemFailures":[{"itemIdentifier":"49000"}]}', 'not json', '"text"', '{"batchItemFailures":"x"}',
    ];
    const h = await createHarness();
    try {
      await h.engine.apply(mappingOf({ batchSize: 1, maximumRetryAttempts: 1, reportBatchItemFailures: true, onFailureDestination: QUEUE_ARN }));
      for (const [i, shape] of shapes.entries()) {
        h.invoker.respond = () => ({ payload: shape });
        await h.put([[`k${i}`, 'x']]);
        await h.invoker.untilCalls(2 * (i + 1));
        while (h.queue.messages.length < i + 1) await settle(1);
      }
      assert.deepEqual(h.invoker.batches(), shapes.flatMap((_, i) => [[`k${i}`], [`k${i}`]]));
      for (const message of h.queue.messages) {
        const body = JSON.parse(message.body);
        assert.equal(body.requestContext.approximateInvokeCount, 2);
        assert.deepEqual(body.responseContext, { statusCode: 200, executedVersion: '$LATEST', functionError: null });
      }
    } finally {
      await h.close();
    }
  });

  test('MaximumRecordAgeInSeconds: an already-old head record is discarded without invoking; the fresh ones go in one invocation', async () => {
    const h = await createHarness();
    try {
      const [old] = await h.put([['old', 'x']]);
      const oldArrival = h.clock.now();
      h.clock.advance(61_000);
      await h.put(Array.from({ length: 5 }, (_, i) => [`fresh${i}`, 'y'] as const));
      await h.engine.apply(mappingOf({ maximumRecordAgeInSeconds: 60, maximumRetryAttempts: 0, onFailureDestination: QUEUE_ARN }));
      await h.invoker.untilCalls(1);
      await settle();
      assert.deepEqual(h.invoker.batches(), [['fresh0', 'fresh1', 'fresh2', 'fresh3', 'fresh4']]);
      assert.equal(h.queue.messages.length, 1);
      const body = JSON.parse(h.queue.messages[0]!.body);
      assert.deepEqual(Object.keys(body), ['requestContext', 'version', 'timestamp', 'KinesisBatchInfo']);
      assert.deepEqual(Object.keys(body.requestContext), ['requestId', 'functionArn', 'condition', 'approximateInvokeCount']);
      assert.equal(body.requestContext.condition, 'RecordAgeExceeded');
      assert.equal(body.requestContext.approximateInvokeCount, 1);
      assert.deepEqual(body.KinesisBatchInfo, {
        shardId: 'shardId-000000000000', startSequenceNumber: old, endSequenceNumber: old,
        approximateArrivalOfFirstRecord: iso(oldArrival), approximateArrivalOfLastRecord: iso(oldArrival), batchSize: 1, streamArn: STREAM_ARN,
      });
    } finally {
      await h.close();
    }
  });

  test('with the defaults (-1/-1) a failing record is retried until it leaves the stream, then discarded as RecordAgeExceeded', async () => {
    const h = await createHarness(1, { tuning: { retryBaseDelayMs: 700, retryMaxDelayMs: 700, checkpointIntervalMs: 0 } });
    try {
      h.invoker.respond = (call) => (call.event.Records[0]!.kinesis.partitionKey === 'poison' ? FAIL : {});
      await h.put([['poison', 'x']]);
      await h.engine.apply(mappingOf({ batchSize: 1, onFailureDestination: QUEUE_ARN }));
      await h.invoker.untilCalls(1);
      for (let i = 2; i <= 3; i++) {
        await h.sleeper.untilSleepOf(700);
        h.sleeper.advance(700);
        await h.invoker.untilCalls(i);
      }
      await h.sleeper.untilSleepOf(700);
      h.sleeper.advance(24 * 3_600_000);
      await h.put([['next', 'y']]);
      await h.invoker.untilCalls(4);
      assert.deepEqual(h.invoker.batches(), [['poison'], ['poison'], ['poison'], ['next']]);
      const body = JSON.parse(h.queue.messages[0]!.body);
      assert.equal(body.requestContext.condition, 'RecordAgeExceeded');
      assert.equal(body.requestContext.approximateInvokeCount, 3);
      assert.equal(body.requestContext.requestId, h.invoker.calls[2]!.request.requestId);
    } finally {
      await h.close();
    }
  });

  test('bisect: an 8-record batch with one poison record is split 8, 4, 2, 1; the good records are delivered, the poison one ends in the queue', async () => {
    const h = await createHarness();
    try {
      const seqs = await h.put(Array.from({ length: 8 }, (_, i) => [`k${i}`, i === 5 ? 'poison' : 'good'] as const));
      h.invoker.respond = (call) => (call.event.Records.some((r) => r.kinesis.partitionKey === 'k5') ? FAIL : {});
      await h.engine.apply(mappingOf({ batchSize: 8, maximumRetryAttempts: 2, bisectBatchOnFunctionError: true, onFailureDestination: QUEUE_ARN }));
      await h.invoker.untilCalls(9);
      await settle();
      assert.deepEqual(h.invoker.batches().map((b) => b.length), [8, 4, 4, 2, 1, 1, 1, 1, 2]);
      assert.deepEqual(h.invoker.batches().filter((b) => b.includes('k5')).map((b) => b.length), [8, 4, 2, 1, 1, 1]);
      assert.equal(h.queue.messages.length, 1);
      const body = JSON.parse(h.queue.messages[0]!.body);
      assert.equal(body.requestContext.approximateInvokeCount, 3);
      assert.equal(body.KinesisBatchInfo.startSequenceNumber, seqs[5]);
      assert.equal(body.KinesisBatchInfo.batchSize, 1);
    } finally {
      await h.close();
    }
  });

  test('retries wait for the backoff (200 ms, then 400 ms) before invoking again', async () => {
    const h = await createHarness(1, { tuning: { retryBaseDelayMs: 200 } });
    try {
      h.invoker.respond = (_, i) => (i < 2 ? FAIL : {});
      await h.put([['k', 'x']]);
      await h.engine.apply(mappingOf());
      await h.invoker.untilCalls(1);
      await h.sleeper.untilSleepOf(200);
      assert.equal(h.invoker.calls.length, 1);
      h.sleeper.advance(200);
      await h.invoker.untilCalls(2);
      await h.sleeper.untilSleepOf(400);
      h.sleeper.advance(399);
      await settle();
      assert.equal(h.invoker.calls.length, 2);
      h.sleeper.advance(1);
      await h.invoker.untilCalls(3);
    } finally {
      await h.close();
    }
  });

  test('a throttled function is retried without using the retry quota', async () => {
    const h = await createHarness();
    try {
      h.invoker.respond = (_, i) => (i < 3 ? new FunctionThrottledError('fn') : {});
      await h.put([['k', 'x']]);
      await h.engine.apply(mappingOf({ maximumRetryAttempts: 0, onFailureDestination: QUEUE_ARN }));
      await h.invoker.untilCalls(4);
      await settle();
      assert.equal(h.invoker.calls.length, 4);
      assert.deepEqual(h.queue.messages, []);
      assert.deepEqual(h.status.results, ['PROBLEM: Function call throttled', 'OK']);
    } finally {
      await h.close();
    }
  });

  test('an S3 destination gets the record plus the payload under aws/lambda/<uuid>/<shardId>/YYYY/MM/DD/', async () => {
    const h = await createHarness();
    try {
      h.invoker.respond = () => FAIL;
      await h.put([['k', 'x']]);
      await h.engine.apply(mappingOf({ maximumRetryAttempts: 0, onFailureDestination: 'arn:aws:s3:::failures' }));
      await h.invoker.untilCalls(1);
      const d = new Date(h.clock.now()).toISOString();
      const dir = join(h.dir, 'buckets', 'failures', 'aws', 'lambda', mappingOf().uuid, 'shardId-000000000000', d.slice(0, 4), d.slice(5, 7), d.slice(8, 10));
      let files: string[] = [];
      while (files.length === 0) {
        await settle(1);
        files = await readdir(dir).catch(() => []);
      }
      assert.match(files[0]!, new RegExp(`^${d.slice(0, 10)}T${d.slice(11, 19).replaceAll(':', '\\.')}-[0-9a-f-]{36}$`));
      const body = JSON.parse(await readFile(join(dir, files[0]!), 'utf8'));
      assert.deepEqual(Object.keys(body), ['requestContext', 'responseContext', 'version', 'timestamp', 'KinesisBatchInfo', 'payload']);
      assert.deepEqual(body.payload, { Records: h.invoker.calls[0]!.event.Records });
    } finally {
      await h.close();
    }
  });

  test('an on-failure destination that cannot be reached does not stop the shard', async () => {
    const h = await createHarness();
    try {
      h.invoker.respond = (call) => (call.event.Records[0]!.kinesis.partitionKey === 'bad' ? FAIL : {});
      await h.put([['bad', 'x'], ['good', 'y']]);
      await h.engine.apply(mappingOf({ batchSize: 1, maximumRetryAttempts: 0, onFailureDestination: 'arn:aws:sqs:us-east-1:000000000000:missing' }));
      await h.invoker.untilCalls(2);
      assert.deepEqual(h.invoker.batches(), [['bad'], ['good']]);
    } finally {
      await h.close();
    }
  });
});
