import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { notFound, withTarget } from './kinesis-target.js';

describe('ListStreamConsumers', () => {
  test('returns ValidationException without StreamARN', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('ListStreamConsumers', {}), {
        type: 'ValidationException',
        message: "1 validation error detected: Value null at 'streamARN' failed to satisfy constraint: Member must not be null",
      });
    }));

  test('returns ResourceNotFoundException for an unknown stream', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('ListStreamConsumers', { StreamARN: t.arn('nope') }), notFound('nope'));
    }));

  test('lists no consumers', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      assert.deepEqual(await t.call('ListStreamConsumers', { StreamARN: t.arn('s'), MaxResults: 5 }), { Consumers: [] });
    }));
});
