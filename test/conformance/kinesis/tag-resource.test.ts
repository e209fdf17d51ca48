import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT, notFound, withTarget } from './kinesis-target.js';

const CONSUMER = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/s/consumer/c:1700000000`;

describe('TagResource', () => {
  test('returns ValidationException without ResourceARN and Tags', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('TagResource', {}), {
        type: 'ValidationException',
        message:
          '2 validation errors detected: ' +
          "Value null at 'resourceARN' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'tags' failed to satisfy constraint: Member must not be null",
      });
    }));

  test('returns ResourceNotFoundException for an unknown stream or consumer', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('TagResource', { ResourceARN: t.arn('nope'), Tags: { a: 'b' } }), notFound('nope'));
      assert.deepEqual(await t.error('TagResource', { ResourceARN: CONSUMER, Tags: { a: 'b' } }), {
        type: 'ResourceNotFoundException',
        message: `Consumer ${CONSUMER}, account ${ACCOUNT} not found.`,
      });
    }));

  test('tags a stream like AddTagsToStream', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      assert.deepEqual(await t.call('TagResource', { ResourceARN: t.arn('s'), Tags: { team: 'data' } }), {});
      assert.deepEqual(await t.call('ListTagsForResource', { ResourceARN: t.arn('s') }), { Tags: [{ Key: 'team', Value: 'data' }] });
      assert.deepEqual((await t.error('TagResource', { ResourceARN: t.arn('s'), Tags: { 'a;b': 'c' } })).type, 'InvalidArgumentException');
    }));
});
