// ESM.md §12.8 (§5.3): BisectBatchOnFunctionError halves a failing batch (8 → 4 → 2 → 1) without
// using the retry quota, processes halves in order, retries the lone poison record
// MaximumRetryAttempts times and then discards it to the on-failure destination; every good record is
// delivered successfully exactly once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EsmFixture } from './support/esm-fixture.js';
import { recordingHandler, recordText } from './support/esm-handler.js';

const STREAM = 'bisect-stream';

let fx: EsmFixture;

before(async () => {
  fx = await EsmFixture.start();
});

after(async () => {
  await fx?.close();
});

describe('bisect on function error', () => {
  test('an 8-record batch with one poison record: 8, 4, 2, 1 on the poison path, then 3 size-1 attempts and the on-failure record', async () => {
    const streamArn = await fx.createStream(STREAM);
    const fn = await fx.createFunction(
      'bisect-fn',
      recordingHandler(`
        if (event.Records.some((r) => data(r) === 'b5')) throw new Error('poison in batch');
        return null;
      `),
    );
    const dlq = await fx.createQueue('bisect-dlq');
    const put = await fx.put(STREAM, Array.from({ length: 8 }, (_, i) => ({ key: 'k', data: `b${i}` })));
    await fx.createMapping({
      FunctionName: fn.name,
      EventSourceArn: streamArn,
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 8,
      MaximumRetryAttempts: 2,
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: dlq.arn } },
    });

    const [body] = await fx.drainQueue(dlq, 1);
    await fx.put(STREAM, [{ key: 'k', data: 'after' }]);
    const all = await fx.waitForInvocations(fn, (calls) => calls.some((c) => c.event.Records.some((r) => recordText(r) === 'after')), 'the record after the batch');

    const calls = all.map((c) => `${c.outcome}:${c.event.Records.map(recordText).join(',')}`);
    assert.deepEqual(calls, [
      'error:b0,b1,b2,b3,b4,b5,b6,b7',
      'ok:b0,b1,b2,b3',
      'error:b4,b5,b6,b7',
      'error:b4,b5',
      'ok:b4',
      'error:b5',
      'error:b5',
      'error:b5',
      'ok:b6,b7',
      'ok:after',
    ]);

    const request = body!['requestContext'] as Record<string, unknown>;
    assert.equal(request['condition'], 'RetryAttemptsExhausted');
    // ESM.md §13: retries (and the invoke count) are counted per identical record set.
    assert.equal(request['approximateInvokeCount'], 3);
    assert.equal(request['requestId'], all[7]!.requestId);
    assert.deepEqual(body!['responseContext'], { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' });
    const info = body!['KinesisBatchInfo'] as Record<string, unknown>;
    assert.equal(info['startSequenceNumber'], put[5]!.SequenceNumber);
    assert.equal(info['endSequenceNumber'], put[5]!.SequenceNumber);
    assert.equal(info['batchSize'], 1);
  });
});
