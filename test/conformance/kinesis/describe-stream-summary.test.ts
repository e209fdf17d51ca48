import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { notFound, withTarget } from './kinesis-target.js';

describe('DescribeStreamSummary', () => {
  test('returns InvalidArgumentException when neither StreamName nor StreamARN is given', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('DescribeStreamSummary', {}), {
        type: 'InvalidArgumentException',
        message: 'Either StreamName or StreamARN should be provided.',
      });
    }));

  test('returns ResourceNotFoundException for an unknown stream', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('DescribeStreamSummary', { StreamName: 'nope' }), notFound('nope'));
    }));

  test('summarises the stream', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 3 });
      assert.deepEqual(await t.call('DescribeStreamSummary', { StreamName: 's', StreamARN: t.arn('s') }), {
        StreamDescriptionSummary: {
          StreamName: 's',
          StreamARN: t.arn('s'),
          StreamStatus: 'ACTIVE',
          StreamModeDetails: { StreamMode: 'PROVISIONED' },
          RetentionPeriodHours: 24,
          StreamCreationTimestamp: Math.floor(t.clock.now() / 1000),
          EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
          EncryptionType: 'NONE',
          OpenShardCount: 3,
          ConsumerCount: 0,
          MaxRecordSizeInKiB: 1024,
        },
      });
    }));
});
