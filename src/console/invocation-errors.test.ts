import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FunctionInvoker, InvokeRequest, InvokeResult } from '../functions/function-invoker.js';
import { InvocationErrors } from './invocation-errors.js';

const ARN = 'arn:aws:kinesis:us-east-1:000000000000:stream/orders';

function kinesisEvent(records: [string, string, string][]): Buffer {
  return Buffer.from(JSON.stringify({
    Records: records.map(([pk, seq, data]) => ({
      eventID: `shardId-000000000001:${seq}`, eventSource: 'aws:kinesis', eventSourceARN: ARN,
      kinesis: { partitionKey: pk, sequenceNumber: seq, data: Buffer.from(data).toString('base64') },
    })),
  }));
}

function invoker(answer: (request: InvokeRequest) => Partial<InvokeResult>): FunctionInvoker {
  return { invoke: async (request) => ({ requestId: 'req-1', payload: Buffer.from('null'), executedVersion: '$LATEST', durationMs: 1, ...answer(request) }) };
}

describe('InvocationErrors', () => {
  test('a function error keeps errorType, message and the batch with its first record decoded', async () => {
    const errors = new InvocationErrors({ now: () => 42 });
    const wrapped = errors.wrap(invoker(() => ({ functionError: 'Unhandled', payload: Buffer.from(JSON.stringify({ errorType: 'Error', errorMessage: 'poison record', trace: [] })) })));
    await wrapped.invoke({ functionName: 'fn', payload: kinesisEvent([['k1', '100', '{"a":1}'], ['k2', '101', 'x']]) });
    assert.deepEqual(errors.recent('fn'), [{
      atMs: 42, functionName: 'fn', requestId: 'req-1', errorType: 'Error', errorMessage: 'poison record',
      batch: {
        streamArn: ARN, shardId: 'shardId-000000000001', size: 2, firstSequenceNumber: '100', lastSequenceNumber: '101', reportedFailures: 0,
        failingRecord: { sequenceNumber: '100', partitionKey: 'k1', truncated: false, data: errors.recent('fn')[0]!.batch!.failingRecord!.data },
      },
    }]);
    assert.equal(errors.recent('fn')[0]!.batch!.failingRecord!.data.json, '{\n  "a": 1\n}');
  });

  test('a partial batch failure points at the first reported item', async () => {
    const errors = new InvocationErrors({ now: () => 1 });
    const wrapped = errors.wrap(invoker(() => ({ payload: Buffer.from(JSON.stringify({ batchItemFailures: [{ itemIdentifier: '101' }] })) })));
    await wrapped.invoke({ functionName: 'fn', payload: kinesisEvent([['k1', '100', 'a'], ['k2', '101', 'b'], ['k3', '102', 'c']]) });
    const [e] = errors.recent('fn');
    assert.equal(e!.errorType, 'PartialBatchFailure');
    assert.equal(e!.batch!.reportedFailures, 1);
    assert.deepEqual([e!.batch!.failingRecord!.partitionKey, e!.batch!.failingRecord!.data.utf8], ['k2', 'b']);
  });

  test('successes, an empty batchItemFailures and non-Kinesis events are handled; rings are bounded', async () => {
    const errors = new InvocationErrors({ now: () => 1, perFunction: 2, maxFunctions: 1 });
    await errors.wrap(invoker(() => ({ payload: Buffer.from('{"batchItemFailures":[]}') }))).invoke({ functionName: 'fn', payload: kinesisEvent([['k', '1', 'a']]) });
    assert.deepEqual(errors.recent('fn'), []);
    const failing = errors.wrap(invoker(() => ({ functionError: 'Unhandled', payload: Buffer.from('not json') })));
    for (let i = 0; i < 3; i++) await failing.invoke({ functionName: 'fn', payload: Buffer.from(`{"n":${i}}`) });
    assert.deepEqual(errors.recent('fn').map((e) => [e.errorType, e.errorMessage, e.batch]), [['Unhandled', '', null], ['Unhandled', '', null]]);
    await failing.invoke({ functionName: 'other', payload: Buffer.from('{}') });
    assert.deepEqual(errors.recent('fn'), [], 'the least recent function is forgotten beyond maxFunctions');
    assert.equal(errors.recent('other').length, 1);
  });

  test('record data beyond 4 KiB is cut and flagged', async () => {
    const errors = new InvocationErrors({ now: () => 1 });
    await errors.wrap(invoker(() => ({ functionError: 'Handled' }))).invoke({ functionName: 'fn', payload: kinesisEvent([['k', '1', 'x'.repeat(5000)]]) });
    const r = errors.recent('fn')[0]!.batch!.failingRecord!;
    assert.equal(r.truncated, true);
    assert.equal(r.data.utf8!.length, 4096);
  });
});
