import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { InvokeResult } from '../../functions/function-invoker.js';
import { classifyResult, firstFailedItem, parsePayload } from './invocation-outcome.js';
import type { EventRecord } from './kinesis-event.js';

const records: EventRecord[] = ['100', '200', '300'].map((sequenceNumber, offset) => ({
  offset, sequenceNumber, timestamp: 0, partitionKey: 'k', json: Buffer.from('{}'), bytes: 2,
}));
const failed = (text: string): number | 'none' | 'all' => firstFailedItem(parsePayload(Buffer.from(text)), records);
const result = (payload: string, functionError?: 'Unhandled'): InvokeResult => ({
  requestId: 'r', payload: Buffer.from(payload), executedVersion: '$LATEST', durationMs: 1, ...(functionError && { functionError }),
});

describe('batch item failures', () => {
  test('the lowest reported record is where the batch failed, whatever the order of the items', () => {
    assert.equal(failed('{"batchItemFailures":[{"itemIdentifier":"300"},{"itemIdentifier":"200"}]}'), 1);
    assert.equal(failed('{"batchItemFailures":[{"itemIdentifier":"100"}],"other":1}'), 0);
  });

  test('an unknown, empty, null or non-string identifier fails the whole batch', () => {
    for (const id of ['"400"', '""', 'null', '300', '{}']) assert.equal(failed(`{"batchItemFailures":[{"itemIdentifier":"200"},{"itemIdentifier":${id}}]}`), 'all', id);
    assert.equal(failed('{"batchItemFailures":[null]}'), 'all');
    assert.equal(failed('{"batchItemFailures":[{"itemidentifier":"200"}]}'), 'all');
  });

  test('a function error is a complete failure whatever it returned; without ReportBatchItemFailures any payload is a success', () => {
    const options = { reportBatchItemFailures: false, requireState: false };
    assert.equal(classifyResult(result('{"batchItemFailures":[]}', 'Unhandled'), records, { ...options, reportBatchItemFailures: true }).outcome.kind, 'failure');
    assert.equal(classifyResult(result('not json'), records, options).outcome.kind, 'success');
  });

  test('with tumbling windows the state object is required and returned serialized', () => {
    const options = { reportBatchItemFailures: true, requireState: true };
    assert.deepEqual(classifyResult(result('{"state":{"a":1}}'), records, options).state, '{"a":1}');
    for (const payload of ['{}', '{"state":null}', '{"state":[1]}', '{"state":"x"}', 'null']) {
      assert.equal(classifyResult(result(payload), records, options).outcome.kind, 'failure', payload);
    }
    const partial = classifyResult(result('{"state":{},"batchItemFailures":[{"itemIdentifier":"200"}]}'), records, options);
    assert.deepEqual([partial.outcome.kind, partial.outcome.kind === 'partial' && partial.outcome.firstFailed, partial.state], ['partial', 1, '{}']);
  });
});
