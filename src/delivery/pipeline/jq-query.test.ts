import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileJqQuery, JqError } from './jq-query.js';

test('object constructor with paths and filters', () => {
  const q = compileJqQuery('{customer_id:.customer_id,device:.type.device,year:.event_timestamp|strftime("%Y"), "first tag": .tags[0] | ascii_upcase, n: .["a b"]}');
  assert.deepEqual(q.keys, ['customer_id', 'device', 'year', 'first tag', 'n']);
  const doc = { customer_id: 1234567890, type: { device: 'mobile' }, event_timestamp: 1565382027, tags: ['x'], 'a b': true };
  assert.deepEqual(q.evaluate(doc), { customer_id: '1234567890', device: 'mobile', year: '2019', 'first tag': 'X', n: 'true' });
});

test('missing or non-scalar values and bad syntax throw JqError', () => {
  const q = compileJqQuery('{c:.c}');
  assert.throws(() => q.evaluate({}), JqError);
  assert.throws(() => q.evaluate({ c: { d: 1 } }), JqError);
  assert.throws(() => compileJqQuery('.c'), JqError);
  assert.throws(() => compileJqQuery('{c:.c | length}'), JqError);
  assert.deepEqual(compileJqQuery('{c:.c|tostring}').evaluate({ c: [1] }), { c: '[1]' });
});
