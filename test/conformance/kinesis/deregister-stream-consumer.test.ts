import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT, withTarget } from './kinesis-target.js';

describe('DeregisterStreamConsumer', () => {
  test('returns ValidationException for a malformed ConsumerARN', () =>
    withTarget(async (t) => {
      assert.equal((await t.error('DeregisterStreamConsumer', { ConsumerARN: 'nope' })).type, 'ValidationException');
    }));

  test('returns ResourceNotFoundException for every consumer', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      assert.deepEqual(await t.error('DeregisterStreamConsumer', { StreamARN: t.arn('s'), ConsumerName: 'c' }), {
        type: 'ResourceNotFoundException',
        message: `Consumer c, account ${ACCOUNT} not found.`,
      });
    }));
});
