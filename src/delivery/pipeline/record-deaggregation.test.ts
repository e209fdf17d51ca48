import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecordDeAggregator } from './record-deaggregation.js';
import type { SourceRecord } from './delivery-source.js';

const rec = (data: string, kinesis = false): SourceRecord => ({
  recordId: 'r', data: Buffer.from(data), approximateArrivalTimestamp: 5,
  ...(kinesis ? { kinesis: { shardId: 'shardId-000000000000', partitionKey: 'pk', sequenceNumber: '49', subsequenceNumber: 0, approximateArrivalTimestamp: 5 } } : {}),
});
const json = new RecordDeAggregator({ subRecordType: 'JSON' });
const hashes = new RecordDeAggregator({ subRecordType: 'DELIMITED', delimiterBase64: 'IyMjIw==' }); // ####

function parts(d: RecordDeAggregator, data: string): string[] | string {
  const out = d.split(rec(data));
  return out.ok ? out.records.map((r) => r.data.toString()) : out.message;
}

test('JSON: concatenated and newline-separated objects, nested braces and braces inside strings', () => {
  assert.deepEqual(parts(json, '{"a":1}{"a":2}'), ['{"a":1}', '{"a":2}']);
  assert.deepEqual(parts(json, '{"a":1}\n{"b":{"c":[1,{"d":2}]}}\n'), ['{"a":1}', '{"b":{"c":[1,{"d":2}]}}']);
  assert.deepEqual(parts(json, '{"s":"}{\\"}"} {"t":"x"}'), ['{"s":"}{\\"}"}', '{"t":"x"}']);
  assert.deepEqual(parts(json, '{"a":1}'), ['{"a":1}']);
});

test('JSON: arrays, garbage, unterminated and empty records are refused with a message', () => {
  assert.equal(parts(json, '[{"a":1},{"a":2}]'), 'Expected a JSON object at byte 0');
  assert.equal(parts(json, '{"a":1}x'), 'Expected a JSON object at byte 7');
  assert.equal(parts(json, '{"a":1'), 'Unterminated JSON object at byte 0');
  assert.match(String(parts(json, '{"a":}')), /^Invalid JSON object at byte 0: /);
  assert.equal(parts(json, '  '), 'The record holds no JSON object');
});

test('DELIMITED: splits on the decoded delimiter; a trailing delimiter ends the last sub-record', () => {
  assert.deepEqual(parts(hashes, 'a####b####c'), ['a', 'b', 'c']);
  assert.deepEqual(parts(hashes, 'a####b####'), ['a', 'b']);
  assert.deepEqual(parts(hashes, 'a########b'), ['a', '', 'b']);
  assert.deepEqual(parts(hashes, 'no delimiter'), ['no delimiter']);
  assert.deepEqual(parts(hashes, ''), ['']);
});

test('at most 500 sub-records per record', () => {
  assert.equal((parts(hashes, Array.from({ length: 500 }, (_, i) => String(i)).join('####')) as string[]).length, 500);
  assert.equal(parts(hashes, Array.from({ length: 501 }, (_, i) => String(i)).join('####')), 'The record holds more than 500 sub-records');
  assert.equal(parts(json, '{}'.repeat(501)), 'The record holds more than 500 sub-records');
});

test('sub-records get stable ids <recordId>.<n>, the arrival time, and Kinesis subsequence numbers', () => {
  const out = json.split(rec('{"a":1}{"a":2}', true));
  assert.ok(out.ok);
  assert.deepEqual(out.records.map((r) => [r.recordId, r.approximateArrivalTimestamp, r.kinesis?.subsequenceNumber, r.kinesis?.sequenceNumber]), [
    ['r.0', 5, 0, '49'], ['r.1', 5, 1, '49'],
  ]);
});
