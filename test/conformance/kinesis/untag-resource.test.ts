import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { notFound, withTarget } from './kinesis-target.js';

describe('UntagResource', () => {
  test('returns ValidationException for an empty TagKeys list', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('UntagResource', { ResourceARN: t.arn('s'), TagKeys: [] }), {
        type: 'ValidationException',
        message: "1 validation error detected: Value '[]' at 'tagKeys' failed to satisfy constraint: Member must have length greater than or equal to 1",
      });
    }));

  test('returns ResourceNotFoundException for an unknown stream', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('UntagResource', { ResourceARN: t.arn('nope'), TagKeys: ['a'] }), notFound('nope'));
    }));

  test('removes tags from a stream', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1, Tags: { a: '1', b: '2' } });
      assert.deepEqual(await t.call('UntagResource', { ResourceARN: t.arn('s'), TagKeys: ['a', 'missing'] }), {});
      assert.deepEqual(await t.call('ListTagsForResource', { ResourceARN: t.arn('s') }), { Tags: [{ Key: 'b', Value: '2' }] });
    }));
});
