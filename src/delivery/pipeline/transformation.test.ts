import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FunctionInvoker, InvokeRequest } from '../../functions/function-invoker.js';
import { parseLambdaArn, transformBatch, type TransformContext } from './transformation.js';
import type { SourceRecord } from './delivery-source.js';

const rec = (id: string, data: string): SourceRecord => ({ recordId: id, data: Buffer.from(data), approximateArrivalTimestamp: 1_507_217_624_302 });

function fakeInvoker(respond: (event: { records: { recordId: string; data: string }[] }) => unknown, calls: InvokeRequest[]): FunctionInvoker {
  return {
    async invoke(request) {
      calls.push(request);
      const event = JSON.parse(request.payload.toString()) as { records: { recordId: string; data: string }[] };
      const out = respond(event);
      if (out instanceof Error) return { requestId: 'r', functionError: 'Unhandled', payload: Buffer.from(JSON.stringify({ errorType: 'Error', errorMessage: out.message })), executedVersion: '$LATEST', durationMs: 1 };
      return { requestId: 'r', payload: Buffer.from(JSON.stringify(out)), executedVersion: '$LATEST', durationMs: 1 };
    },
  };
}

const ctx = (invoker: FunctionInvoker, retries = 3): TransformContext => ({
  invoker, region: 'us-east-1', deliveryStreamArn: 'arn:aws:firehose:us-east-1:000000000000:deliverystream/s',
  settings: { lambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:f:$LATEST', numberOfRetries: retries, bufferSizeInMBs: 1, bufferIntervalInSeconds: 60 },
});

test('parseLambdaArn', () => {
  assert.deepEqual(parseLambdaArn('arn:aws:lambda:us-east-1:000000000000:function:f:$LATEST'), { functionName: 'f', qualifier: '$LATEST' });
  assert.deepEqual(parseLambdaArn('arn:aws:lambda:us-east-1:000000000000:function:f'), { functionName: 'f' });
  assert.deepEqual(parseLambdaArn('f'), { functionName: 'f' });
});

test('Ok / Dropped / ProcessingFailed with partition keys; event shape', async () => {
  const calls: InvokeRequest[] = [];
  const invoker = fakeInvoker((e) => ({ records: [
    { recordId: e.records[0]!.recordId, result: 'Ok', data: Buffer.from('A!').toString('base64'), metadata: { partitionKeys: { t: 'x' } } },
    { recordId: e.records[1]!.recordId, result: 'Dropped' },
    { recordId: e.records[2]!.recordId, result: 'ProcessingFailed' },
  ] }), calls);
  const out = await transformBatch(ctx(invoker), [rec('a', 'A'), rec('b', 'B'), rec('c', 'C')]);
  assert.deepEqual(out, [
    { kind: 'ok', data: Buffer.from('A!'), partitionKeys: { t: 'x' } },
    { kind: 'dropped' },
    { kind: 'failed', errorCode: 'Lambda.ProcessingFailed', errorMessage: 'The record was marked ProcessingFailed by the function', attemptsMade: 1 },
  ]);
  assert.equal(calls.length, 1);
  assert.equal(calls[0]!.functionName, 'f');
  const event = JSON.parse(calls[0]!.payload.toString()) as Record<string, unknown>;
  assert.equal(event.deliveryStreamArn, 'arn:aws:firehose:us-east-1:000000000000:deliverystream/s');
  assert.equal(event.region, 'us-east-1');
  assert.deepEqual(event.records, [
    { recordId: 'a', approximateArrivalTimestamp: 1_507_217_624_302, data: 'QQ==' },
    { recordId: 'b', approximateArrivalTimestamp: 1_507_217_624_302, data: 'Qg==' },
    { recordId: 'c', approximateArrivalTimestamp: 1_507_217_624_302, data: 'Qw==' },
  ]);
});

test('function error is retried NumberOfRetries times then every record fails', async () => {
  const calls: InvokeRequest[] = [];
  const out = await transformBatch(ctx(fakeInvoker(() => new Error('boom'), calls), 2), [rec('a', 'A'), rec('b', 'B')]);
  assert.equal(calls.length, 3);
  assert.deepEqual(out, [0, 1].map(() => ({ kind: 'failed', errorCode: 'Lambda.FunctionError', errorMessage: 'boom', attemptsMade: 3 })));
});

test('contract violations: missing and duplicated record ids', async () => {
  const missing = await transformBatch(ctx(fakeInvoker(() => ({ records: [] }), []), 0), [rec('a', 'A')]);
  assert.deepEqual(missing, [{ kind: 'failed', errorCode: 'Lambda.MissingRecordId', errorMessage: '1 recordIds are missing from the response', attemptsMade: 1 }]);
  const dup = await transformBatch(ctx(fakeInvoker(() => ({ records: [{ recordId: 'a', result: 'Dropped' }, { recordId: 'a', result: 'Dropped' }] }), []), 0), [rec('a', 'A')]);
  assert.equal(dup[0]!.kind === 'failed' && dup[0]!.errorCode, 'Lambda.DuplicatedRecordId');
  const notJson = await transformBatch(ctx(fakeInvoker(() => 'x', []), 0), [rec('a', 'A')]);
  assert.equal(notJson[0]!.kind === 'failed' && notJson[0]!.errorCode, 'Lambda.JsonProcessingException');
});
