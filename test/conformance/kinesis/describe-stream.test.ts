import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { notFound, withTarget } from './kinesis-target.js';

describe('DescribeStream', () => {
  test('returns ValidationException for Limit 0 and an empty ExclusiveStartShardId', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('DescribeStream', { StreamName: 'x', Limit: 0, ExclusiveStartShardId: '' }), {
        type: 'ValidationException',
        message:
          '3 validation errors detected: ' +
          "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
          "Value '' at 'exclusiveStartShardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
          "Value '' at 'exclusiveStartShardId' failed to satisfy constraint: Member must have length greater than or equal to 1",
      });
    }));

  test('returns ResourceNotFoundException for an unknown stream, by name or ARN', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('DescribeStream', { StreamName: 'nope' }), notFound('nope'));
      assert.deepEqual(await t.error('DescribeStream', { StreamARN: t.arn('nope') }), notFound('nope'));
      assert.deepEqual(await t.error('DescribeStream', { StreamARN: 'arn:aws:kinesis:us-east-1:111122223333:stream/nope' }), notFound('nope', '111122223333'));
    }));

  test('describes the whole stream', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      const created = Math.floor(t.clock.now() / 1000);
      const out = await t.call('DescribeStream', { StreamARN: t.arn('s') });
      const shard = out.StreamDescription.Shards[0];
      assert.deepEqual(out, {
        StreamDescription: {
          StreamName: 's',
          StreamARN: t.arn('s'),
          StreamStatus: 'ACTIVE',
          StreamModeDetails: { StreamMode: 'PROVISIONED' },
          Shards: [
            {
              ShardId: 'shardId-000000000000',
              HashKeyRange: { StartingHashKey: '0', EndingHashKey: '340282366920938463463374607431768211455' },
              SequenceNumberRange: { StartingSequenceNumber: shard.SequenceNumberRange.StartingSequenceNumber },
            },
          ],
          HasMoreShards: false,
          RetentionPeriodHours: 24,
          StreamCreationTimestamp: created,
          EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
          EncryptionType: 'NONE',
        },
      });
    }));

  test('pages shards with Limit and ExclusiveStartShardId', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 5 });
      const ids = async (body: Record<string, unknown>) => {
        const d = (await t.call('DescribeStream', { StreamName: 's', ...body })).StreamDescription;
        return [d.Shards.map((s: any) => s.ShardId.slice(-1)).join(''), d.HasMoreShards];
      };
      assert.deepEqual(await ids({ Limit: 2 }), ['01', true]);
      assert.deepEqual(await ids({ Limit: 2, ExclusiveStartShardId: 'shardId-000000000001' }), ['23', true]);
      assert.deepEqual(await ids({ Limit: 2, ExclusiveStartShardId: 'shardId-000000000003' }), ['4', false]);
      assert.deepEqual(await ids({ ExclusiveStartShardId: 'shardId-000000000004' }), ['', false]);
      assert.deepEqual(await ids({ Limit: 10000 }), ['01234', false]);
    }));
});
