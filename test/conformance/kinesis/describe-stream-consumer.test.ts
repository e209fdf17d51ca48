import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT, notFound, withTarget } from './kinesis-target.js';

describe('DescribeStreamConsumer', () => {
  test('needs a ConsumerARN or a StreamARN with a ConsumerName', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('DescribeStreamConsumer', {}), {
        type: 'InvalidArgumentException',
        message: 'Either ConsumerARN or both StreamARN and ConsumerName should be provided.',
      });
    }));

  test('returns ResourceNotFoundException for an unknown stream, then for every consumer', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('DescribeStreamConsumer', { StreamARN: t.arn('s'), ConsumerName: 'c' }), notFound('s'));
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      assert.deepEqual(await t.error('DescribeStreamConsumer', { StreamARN: t.arn('s'), ConsumerName: 'c' }), {
        type: 'ResourceNotFoundException',
        message: `Consumer c, account ${ACCOUNT} not found.`,
      });
      const arn = `${t.arn('s')}/consumer/c:1700000000`;
      assert.deepEqual(await t.error('DescribeStreamConsumer', { ConsumerARN: arn }), {
        type: 'ResourceNotFoundException',
        message: `Consumer ${arn}, account ${ACCOUNT} not found.`,
      });
    }));
});
