import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withTarget } from './kinesis-target.js';

// Resharding and enhanced fan-out are a later issue: each validates like AWS, then says so.
describe('SplitShard, MergeShards, UpdateShardCount, RegisterStreamConsumer, SubscribeToShard', () => {
  test('validate their input like AWS', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('UpdateShardCount', { StreamName: 's', TargetShardCount: 0 }), {
        type: 'ValidationException',
        message:
          '2 validation errors detected: ' +
          "Value null at 'scalingType' failed to satisfy constraint: Member must not be null; " +
          "Value '0' at 'targetShardCount' failed to satisfy constraint: Member must have value greater than or equal to 1",
      });
    }));

  test('answer valid requests with a clear InvalidArgumentException instead of succeeding', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 2 });
      const requests: Array<[string, Record<string, unknown>]> = [
        ['SplitShard', { StreamName: 's', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '1' }],
        ['MergeShards', { StreamName: 's', ShardToMerge: 'shardId-000000000000', AdjacentShardToMerge: 'shardId-000000000001' }],
        ['UpdateShardCount', { StreamName: 's', TargetShardCount: 4, ScalingType: 'UNIFORM_SCALING' }],
        ['RegisterStreamConsumer', { StreamARN: t.arn('s'), ConsumerName: 'c' }],
        ['SubscribeToShard', { ConsumerARN: `${t.arn('s')}/consumer/c:1`, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'LATEST' } }],
      ];
      for (const [operation, body] of requests) {
        assert.deepEqual(await t.error(operation, body), {
          type: 'InvalidArgumentException',
          message: `${operation} is not supported by this Tributary server yet.`,
        });
      }
      assert.equal((await t.call('DescribeStreamSummary', { StreamName: 's' })).StreamDescriptionSummary.OpenShardCount, 2);
    }));
});
