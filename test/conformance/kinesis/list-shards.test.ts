import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { notFound, withTarget } from './kinesis-target.js';

const ids = (out: Record<string, any>) => out.Shards.map((s: any) => Number(s.ShardId.slice(-3))).join(',');

describe('ListShards', () => {
  test('returns ValidationException for MaxResults 0 and for an empty ExclusiveStartShardId', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('ListShards', { StreamName: 's', MaxResults: 0 }), {
        type: 'ValidationException',
        message: "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
      });
      assert.deepEqual(await t.error('ListShards', { StreamName: 's', ExclusiveStartShardId: '' }), {
        type: 'ValidationException',
        message:
          '2 validation errors detected: ' +
          "Value '' at 'exclusiveStartShardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
          "Value '' at 'exclusiveStartShardId' failed to satisfy constraint: Member must have length greater than or equal to 1",
      });
    }));

  test('needs a StreamName, a StreamARN or a NextToken, and refuses NextToken with StreamName', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('ListShards', {}), {
        type: 'InvalidArgumentException',
        message: 'Either NextToken or StreamName should be provided.',
      });
      assert.deepEqual(await t.error('ListShards', { StreamName: 's', NextToken: 'x' }), {
        type: 'InvalidArgumentException',
        message: 'NextToken and StreamName cannot be provided together.',
      });
      assert.deepEqual(await t.error('ListShards', { NextToken: 'x', ExclusiveStartShardId: 'shardId-000000000000' }), {
        type: 'InvalidArgumentException',
        message: 'NextToken and ExclusiveStartShardId cannot be provided together.',
      });
    }));

  test('returns ResourceNotFoundException for an unknown stream', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('ListShards', { StreamName: 'nope' }), notFound('nope'));
    }));

  test('lists every shard of a stream by name or ARN', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 2 });
      const out = await t.call('ListShards', { StreamARN: t.arn('s') });
      assert.equal(out.NextToken, undefined);
      assert.deepEqual(
        out.Shards.map((s: any) => [s.ShardId, s.HashKeyRange]),
        [
          ['shardId-000000000000', { StartingHashKey: '0', EndingHashKey: '170141183460469231731687303715884105727' }],
          ['shardId-000000000001', { StartingHashKey: '170141183460469231731687303715884105728', EndingHashKey: '340282366920938463463374607431768211455' }],
        ],
      );
      const described = (await t.call('DescribeStream', { StreamName: 's' })).StreamDescription.Shards;
      assert.deepEqual((await t.call('ListShards', { StreamName: 's' })).Shards, described);
    }));

  test('pages with MaxResults and NextToken, keeping the filter', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 5 });
      const first = await t.call('ListShards', { StreamName: 's', MaxResults: 2, ShardFilter: { Type: 'AFTER_SHARD_ID', ShardId: 'shardId-000000000000' } });
      assert.equal(ids(first), '1,2');
      const second = await t.call('ListShards', { NextToken: first.NextToken, MaxResults: 2 });
      assert.equal(ids(second), '3,4');
      assert.equal(second.NextToken, undefined);
      assert.equal(ids(await t.call('ListShards', { StreamName: 's', ExclusiveStartShardId: 'shardId-000000000003' })), '4');
    }));

  test('applies each ShardFilter type and checks its members', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 3 });
      const now = t.clock.now() / 1000;
      for (const Type of ['AT_TRIM_HORIZON', 'FROM_TRIM_HORIZON', 'AT_LATEST']) {
        assert.equal(ids(await t.call('ListShards', { StreamName: 's', ShardFilter: { Type } })), '0,1,2');
      }
      assert.equal(ids(await t.call('ListShards', { StreamName: 's', ShardFilter: { Type: 'AT_TIMESTAMP', Timestamp: now - 3600 } })), '0,1,2');
      assert.equal(ids(await t.call('ListShards', { StreamName: 's', ShardFilter: { Type: 'FROM_TIMESTAMP', Timestamp: now } })), '0,1,2');
      assert.equal(ids(await t.call('ListShards', { StreamName: 's', ShardFilter: { Type: 'AFTER_SHARD_ID', ShardId: 'shardId-000000000001' } })), '2');
      assert.deepEqual(await t.error('ListShards', { StreamName: 's', ShardFilter: { Type: 'AFTER_SHARD_ID' } }), {
        type: 'InvalidArgumentException',
        message: 'ShardId must be specified for ShardFilter type AFTER_SHARD_ID.',
      });
      assert.deepEqual(await t.error('ListShards', { StreamName: 's', ShardFilter: { Type: 'AT_TIMESTAMP' } }), {
        type: 'InvalidArgumentException',
        message: 'Timestamp must be specified for ShardFilter type AT_TIMESTAMP.',
      });
    }));

  test('distinguishes stream incarnations by StreamCreationTimestamp and NextToken', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 3 });
      const created = Math.floor(t.clock.now() / 1000);
      assert.equal(ids(await t.call('ListShards', { StreamName: 's', StreamCreationTimestamp: created })), '0,1,2');
      assert.deepEqual(await t.error('ListShards', { StreamName: 's', StreamCreationTimestamp: created - 10 }), notFound('s'));
      const { NextToken } = await t.call('ListShards', { StreamName: 's', MaxResults: 1 });
      await t.call('DeleteStream', { StreamName: 's' });
      await t.call('CreateStream', { StreamName: 's', ShardCount: 3 });
      assert.deepEqual(await t.error('ListShards', { NextToken }), notFound('s'));
      t.clock.advance(300_000);
      assert.deepEqual(await t.error('ListShards', { NextToken }), { type: 'ExpiredNextTokenException', message: 'The provided NextToken has expired.' });
    }));
});
