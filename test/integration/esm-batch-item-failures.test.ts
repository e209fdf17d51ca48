// ESM.md §12.3 and §12.4 (§6): ReportBatchItemFailures — a partial failure checkpoints before the
// lowest failed record and retries only the rest; every documented success shape is a success and
// every documented failure shape a complete failure (N+1 invocations, then the on-failure record).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EsmFixture, type TestQueue } from './support/esm-fixture.js';
import { recordingHandler, recordText, type RecordedInvocation } from './support/esm-handler.js';

let fx: EsmFixture;

before(async () => {
  fx = await EsmFixture.start();
});

after(async () => {
  await fx?.close();
});

const texts = (invocations: readonly RecordedInvocation[]): string[][] => invocations.map((i) => i.event.Records.map(recordText));

/** The on-failure record of one discarded record after a non-FunctionError failure. */
function expectPartialDiscard(body: Record<string, unknown>, seq: string, invokeCount: number): void {
  const request = body['requestContext'] as Record<string, unknown>;
  assert.equal(request['condition'], 'RetryAttemptsExhausted');
  assert.equal(request['approximateInvokeCount'], invokeCount);
  assert.deepEqual(body['responseContext'], { statusCode: 200, executedVersion: '$LATEST', functionError: null });
  const info = body['KinesisBatchInfo'] as Record<string, unknown>;
  assert.equal(info['startSequenceNumber'], seq);
  assert.equal(info['endSequenceNumber'], seq);
  assert.equal(info['batchSize'], 1);
}

async function mapping(stream: string, fnName: string, dlq: TestQueue, batchSize: number, retries: number): Promise<void> {
  await fx.createMapping({
    FunctionName: fnName,
    EventSourceArn: fx.streamArn(stream),
    StartingPosition: 'TRIM_HORIZON',
    BatchSize: batchSize,
    MaximumRetryAttempts: retries,
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    DestinationConfig: { OnFailure: { Destination: dlq.arn } },
  });
}

describe('ReportBatchItemFailures', () => {
  test('record 5 always reported failed: records 0-4 delivered once, record 5 invoked 4 times then discarded alone', async () => {
    await fx.createStream('partial-stream');
    const fn = await fx.createFunction(
      'partial-fn',
      recordingHandler(`
        return { batchItemFailures: event.Records.filter((r) => data(r) === 'r5').map((r) => ({ itemIdentifier: r.kinesis.sequenceNumber })) };
      `),
    );
    const dlq = await fx.createQueue('partial-dlq');
    const put = await fx.put('partial-stream', Array.from({ length: 6 }, (_, i) => ({ key: 'k', data: `r${i}` })));
    await mapping('partial-stream', fn.name, dlq, 3, 3);

    const [body] = await fx.drainQueue(dlq, 1);
    expectPartialDiscard(body!, put[5]!.SequenceNumber!, 4);
    await fx.put('partial-stream', [{ key: 'k', data: 'after' }]);
    const all = await fx.waitForInvocations(fn, (calls) => calls.some((c) => c.event.Records.some((r) => recordText(r) === 'after')), 'the record after the batch');
    assert.deepEqual(texts(all), [['r0', 'r1', 'r2'], ['r3', 'r4', 'r5'], ['r5'], ['r5'], ['r5'], ['after']]);
  });

  test('the six success shapes are successes and the failure shapes complete failures', async () => {
    const SHAPES: Record<string, { returns: unknown; success: boolean }> = {
      'no payload': { returns: 'UNDEFINED', success: true },
      'empty string': { returns: '', success: true },
      'empty array': { returns: [], success: true },
      'empty object': { returns: {}, success: true },
      'empty failures': { returns: { batchItemFailures: [] }, success: true },
      'null failures': { returns: { batchItemFailures: null }, success: true },
      'empty identifier': { returns: { batchItemFailures: [{ itemIdentifier: '' }] }, success: false },
      'null identifier': { returns: { batchItemFailures: [{ itemIdentifier: null }] }, success: false },
      'missing identifier': { returns: { batchItemFailures: [{ foo: 123 }] }, success: false },
      'number identifier': { returns: { batchItemFailures: [{ itemIdentifier: 123 }] }, success: false },
      'unknown identifier': { returns: { batchItemFailures: [{ itemIdentifier: '1' }] }, success: false },
    };
    await fx.createStream('shapes-stream');
    const fn = await fx.createFunction(
      'shapes-fn',
      recordingHandler(`
        const shapes = ${JSON.stringify(Object.fromEntries(Object.entries(SHAPES).map(([name, s]) => [name, s.returns])))};
        const shape = shapes[data(event.Records[0])];
        return shape === 'UNDEFINED' ? undefined : shape;
      `),
    );
    const dlq = await fx.createQueue('shapes-dlq');
    const names = [...Object.keys(SHAPES), 'no payload'];
    const put = await fx.put('shapes-stream', names.map((name) => ({ key: 'k', data: name })));
    await mapping('shapes-stream', fn.name, dlq, 1, 1);

    const failures = Object.keys(SHAPES).filter((name) => !SHAPES[name]!.success);
    const bodies = await fx.drainQueue(dlq, failures.length);
    const all = await fx.waitForInvocations(fn, (calls) => calls.length >= names.length + failures.length, 'every shape processed');
    assert.deepEqual(
      texts(all).map((records) => records.join()),
      names.flatMap((name) => (SHAPES[name]!.success ? [name] : [name, name])),
    );
    assert.equal(bodies.length, failures.length);
    const bySeq = new Map(bodies.map((b) => [(b['KinesisBatchInfo'] as Record<string, unknown>)['startSequenceNumber'], b]));
    for (const name of failures) {
      const seq = put[names.indexOf(name)]!.SequenceNumber!;
      assert.ok(bySeq.has(seq), `on-failure record for "${name}"`);
      expectPartialDiscard(bySeq.get(seq)!, seq, 2);
    }
  });
});
