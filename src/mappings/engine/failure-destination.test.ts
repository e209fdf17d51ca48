import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failureObjectKey } from './failure-destination.js';

test('S3 on-failure object keys follow aws/lambda/<uuid>/<shardId>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<uuid>', () => {
  const key = failureObjectKey('u-1', 'shardId-000000000001', Date.parse('2024-03-05T07:08:09.123Z'), 'id-9');
  assert.equal(key, 'aws/lambda/u-1/shardId-000000000001/2024/03/05/2024-03-05T07.08.09-id-9');
});
