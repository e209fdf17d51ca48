import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { notFound, withTarget } from './kinesis-target.js';

describe('ListTagsForStream', () => {
  test('returns ValidationException for Limit 0 and 51', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('ListTagsForStream', { StreamName: 's', Limit: 51 }), {
        type: 'ValidationException',
        message: "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
      });
      assert.deepEqual(await t.error('ListTagsForStream', { StreamName: 's', Limit: 0 }), {
        type: 'ValidationException',
        message: "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
      });
    }));

  test('returns ResourceNotFoundException for an unknown stream', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('ListTagsForStream', { StreamName: 'nope', ExclusiveStartTagKey: 'a', Limit: 1 }), notFound('nope'));
    }));

  test('lists no tags of an untagged stream', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      assert.deepEqual(await t.call('ListTagsForStream', { StreamARN: t.arn('s') }), { Tags: [], HasMoreTags: false });
    }));

  test('pages tags in key order with Limit and ExclusiveStartTagKey', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1, Tags: { c: '3', a: '1', b: '2' } });
      assert.deepEqual(await t.call('ListTagsForStream', { StreamName: 's', Limit: 2 }), {
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
        ],
        HasMoreTags: true,
      });
      assert.deepEqual(await t.call('ListTagsForStream', { StreamName: 's', Limit: 2, ExclusiveStartTagKey: 'b' }), {
        Tags: [{ Key: 'c', Value: '3' }],
        HasMoreTags: false,
      });
    }));
});
