import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT, notFound, withTarget } from './kinesis-target.js';

describe('DeleteStream', () => {
  test('returns InvalidArgumentException when neither StreamName nor StreamARN is given', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('DeleteStream', {}), {
        type: 'InvalidArgumentException',
        message: 'Either StreamName or StreamARN should be provided.',
      });
    }));

  test('returns ValidationException for a malformed StreamARN', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('DeleteStream', { StreamARN: 'arn:aws:kinesis:us-east-1:1:stream/x' }), {
        type: 'ValidationException',
        message:
          "1 validation error detected: Value 'arn:aws:kinesis:us-east-1:1:stream/x' at 'streamARN' failed to satisfy constraint: " +
          'Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+',
      });
    }));

  test('returns ResourceNotFoundException for an unknown stream', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('DeleteStream', { StreamName: 'missing' }), notFound('missing'));
    }));

  test('returns InvalidArgumentException when StreamName and StreamARN disagree', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 'a', ShardCount: 1 });
      assert.deepEqual(await t.error('DeleteStream', { StreamName: 'b', StreamARN: t.arn('a') }), {
        type: 'InvalidArgumentException',
        message: 'StreamName and StreamARN do not match.',
      });
    }));

  test('returns ResourceInUseException while the stream is CREATING', () =>
    withTarget(
      async (t) => {
        await t.call('CreateStream', { StreamName: 'c', ShardCount: 1 });
        assert.deepEqual(await t.error('DeleteStream', { StreamName: 'c' }), {
          type: 'ResourceInUseException',
          message: `Stream c under account ${ACCOUNT} not ACTIVE, instead in state CREATING`,
        });
      },
      { createDelayMs: 1000 },
    ));

  test('deletes by name at once with no delay, removing the records', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 'd', ShardCount: 2 });
      assert.equal(t.log.listShards().length, 2);
      assert.deepEqual(await t.call('DeleteStream', { StreamName: 'd', EnforceConsumerDeletion: true }), {});
      assert.deepEqual(await t.error('DescribeStream', { StreamName: 'd' }), notFound('d'));
      assert.deepEqual(t.log.listShards(), []);
    }));

  test('keeps the stream DELETING for the delete delay, then it is gone and the name is free', () =>
    withTarget(
      async (t) => {
        await t.call('CreateStream', { StreamName: 'd', ShardCount: 1 });
        await t.call('DeleteStream', { StreamARN: t.arn('d') });
        assert.equal((await t.call('DescribeStreamSummary', { StreamName: 'd' })).StreamDescriptionSummary.StreamStatus, 'DELETING');
        assert.deepEqual((await t.call('ListStreams')).StreamNames, ['d']);
        t.clock.advance(2000);
        assert.deepEqual(await t.error('DescribeStreamSummary', { StreamName: 'd' }), notFound('d'));
        assert.deepEqual((await t.call('ListStreams')).StreamNames, []);
        await t.call('CreateStream', { StreamName: 'd', ShardCount: 1 });
        assert.equal((await t.call('DescribeStreamSummary', { StreamName: 'd' })).StreamDescriptionSummary.StreamStatus, 'ACTIVE');
      },
      { deleteDelayMs: 2000 },
    ));
});
