import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  bindPartitionKeys, errorPrefixParts, evaluatePrefix, parsePrefix, PrefixError, successPrefixParts,
} from './prefix-template.js';
import { formatTimestamp } from './timestamp-pattern.js';
import { deterministicUuid, objectKey } from './object-key.js';

const T = Date.UTC(2018, 7, 27, 10, 30, 5, 42); // 2018-08-27T10:30:05.042Z
const ctx = (errorOutputType?: string) => ({ epochMs: T, errorOutputType, randomString: (n: number) => `rnd${n}` });

describe('formatTimestamp', () => {
  test('Java pattern letters and quotes', () => {
    assert.equal(formatTimestamp('yyyy/MM/dd/HH/', T), '2018/08/27/10/');
    assert.equal(formatTimestamp("yyyy'-'MM'-'dd", T), '2018-08-27');
    assert.equal(formatTimestamp("yy M d H m s SSS DDD", T), '18 8 27 10 30 5 042 239');
    assert.equal(formatTimestamp("'it''s' HH", T), "it's 10");
  });
  test('custom time zone', () => {
    assert.equal(formatTimestamp('yyyy-MM-dd HH:mm', T, 'Asia/Tokyo'), '2018-08-27 19:30');
  });
});

describe('prefix evaluation', () => {
  test('default and literal prefixes get yyyy/MM/dd/HH/ appended without a slash', () => {
    assert.equal(evaluatePrefix(successPrefixParts('', false), ctx()), '2018/08/27/10/');
    assert.equal(evaluatePrefix(successPrefixParts('logs-', false), ctx()), 'logs-2018/08/27/10/');
    assert.equal(evaluatePrefix(successPrefixParts('logs/', false), ctx()), 'logs/2018/08/27/10/');
  });
  test('expressions (doc examples)', () => {
    const p = 'myFirehose/DeliveredYear=!{timestamp:yyyy}/anyMonth/rand=!{firehose:random-string}';
    assert.equal(evaluatePrefix(successPrefixParts(p, false), ctx()), 'myFirehose/DeliveredYear=2018/anyMonth/rand=rnd0');
    const e = 'myFirehoseFailures/!{firehose:error-output-type}/!{timestamp:yyyy}/anyMonth/!{timestamp:dd}';
    assert.equal(evaluatePrefix(errorPrefixParts(p, e), ctx('processing-failed')), 'myFirehoseFailures/processing-failed/2018/anyMonth/27');
  });
  test('error prefix default', () => {
    assert.equal(evaluatePrefix(errorPrefixParts('logs/', undefined), ctx('processing-failed')), 'logs/processing-failed/2018/08/27/10/');
  });
  test('partition keys bind; missing key is an error; unknown namespace invalid', () => {
    const parts = successPrefixParts('cid=!{partitionKeyFromQuery:customer_id}/l=!{partitionKeyFromLambda:x}/', true);
    const bound = bindPartitionKeys(parts, { customer_id: '42' }, { x: 'y' });
    assert.equal(evaluatePrefix(bound, ctx()), 'cid=42/l=y/');
    assert.throws(() => bindPartitionKeys(parts, {}, { x: 'y' }), PrefixError);
    assert.throws(() => parsePrefix('a/!{nope:x}'), PrefixError);
    assert.throws(() => parsePrefix('a/!{timestamp:yyyy'), PrefixError);
  });
});

describe('objectKey', () => {
  test('suffix format and determinism', () => {
    const key = objectKey({ prefix: '2018/08/27/10/', streamName: 'mystream', versionId: '1', epochMs: T, seed: 's', extension: '.gz' });
    assert.equal(key, `2018/08/27/10/mystream-1-2018-08-27-10-30-05-${deterministicUuid('s')}.gz`);
    assert.match(deterministicUuid('s'), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(deterministicUuid('s'), deterministicUuid('t'));
  });
});
