import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { EventRecordBuilder } from './kinesis-event.js';
import { windowEvent, windowEventBytes, windowOf, windowTime, type WindowInvocation } from './tumbling-window.js';

describe('tumbling windows', () => {
  test('windows are aligned on epoch multiples of their size, start inclusive, end exclusive', () => {
    const t = Date.parse('2020-12-09T07:05:13.250Z');
    assert.deepEqual(windowOf(t, 120_000), { start: Date.parse('2020-12-09T07:04:00Z'), end: Date.parse('2020-12-09T07:06:00Z') });
    assert.deepEqual(windowOf(Date.parse('2020-12-09T07:06:00Z'), 120_000).start, Date.parse('2020-12-09T07:06:00Z'));
    assert.equal(windowTime(Date.parse('2020-12-09T07:04:00Z')), '2020-12-09T07:04:00Z');
  });

  test('the windowed event carries the window fields after Records, and its size is predicted exactly', () => {
    const builder = new EventRecordBuilder({ shardId: 'shardId-000000000006', index: 6, createdAt: 1 }, { streamArn: 'arn:s', region: 'us-east-1', role: 'arn:r' });
    const stored = { offset: 0, timestamp: 1_607_497_500_000, partitionKey: 'k', data: Buffer.from('x') };
    const records = [builder.build(stored, builder.sequenceNumber(stored))];
    const invocation: WindowInvocation = {
      window: windowOf(stored.timestamp, 120_000), state: '{"1":282,"2":715}', shardId: 'shardId-000000000006', streamArn: 'arn:s',
      isFinalInvokeForWindow: false, isWindowTerminatedEarly: false,
    };
    const event = windowEvent(records, invocation);
    const parsed = JSON.parse(event.toString()) as Record<string, unknown>;
    assert.deepEqual({ ...parsed, Records: undefined }, {
      Records: undefined, window: { start: '2020-12-09T07:04:00Z', end: '2020-12-09T07:06:00Z' }, state: { 1: 282, 2: 715 },
      shardId: 'shardId-000000000006', eventSourceARN: 'arn:s', isFinalInvokeForWindow: false, isWindowTerminatedEarly: false,
    });
    assert.equal(event.length, windowEventBytes(1, records[0]!.bytes, invocation));
    assert.equal(JSON.parse(windowEvent([], { ...invocation, isFinalInvokeForWindow: true }).toString()).Records.length, 0);
  });
});
