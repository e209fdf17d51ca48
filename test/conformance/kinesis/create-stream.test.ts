import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT, REGION, withTarget } from './kinesis-target.js';

describe('CreateStream', () => {
  test('returns ValidationException when StreamName is missing', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('CreateStream', {}), {
        type: 'ValidationException',
        message: "1 validation error detected: Value null at 'streamName' failed to satisfy constraint: Member must not be null",
      });
    }));

  test('returns ValidationException for an empty StreamName and ShardCount 0', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('CreateStream', { StreamName: '', ShardCount: 0 }), {
        type: 'ValidationException',
        message:
          '3 validation errors detected: ' +
          "Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
          "Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
          "Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1",
      });
    }));

  test('returns ValidationException for a 129-character StreamName', () =>
    withTarget(async (t) => {
      const name = 'a'.repeat(129);
      assert.deepEqual(await t.error('CreateStream', { StreamName: name, ShardCount: 1 }), {
        type: 'ValidationException',
        message: `1 validation error detected: Value '${name}' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128`,
      });
    }));

  test('returns ValidationException for a path-like StreamName', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('CreateStream', { StreamName: '../etc', ShardCount: 1 }), {
        type: 'ValidationException',
        message: "1 validation error detected: Value '../etc' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
      });
    }));

  test('returns LimitExceededException past the account shard limit', () =>
    withTarget(
      async (t) => {
        await t.call('CreateStream', { StreamName: 'a', ShardCount: 3 });
        assert.deepEqual(await t.error('CreateStream', { StreamName: 'b', ShardCount: 1000 }), {
          type: 'LimitExceededException',
          message:
            `This request would exceed the shard limit for the account ${ACCOUNT} in ${REGION}. Current shard count for the account: 3. Limit: 10. ` +
            'Number of additional shards that would have resulted from this request: 1000. ' +
            'Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.',
        });
      },
      { shardLimit: 10 },
    ));

  test('returns LimitExceededException past the on-demand stream count limit', () =>
    withTarget(
      async (t) => {
        await t.call('CreateStream', { StreamName: 'a', StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
        assert.deepEqual(await t.error('CreateStream', { StreamName: 'b', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }), {
          type: 'LimitExceededException',
          message: `This request would exceed the on-demand stream count limit for the account ${ACCOUNT} in ${REGION}. Current on-demand stream count for the account: 1. Limit: 1.`,
        });
      },
      { onDemandStreamCountLimit: 1 },
    ));

  test('returns ResourceInUseException for an existing name', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 'dup', ShardCount: 1 });
      assert.deepEqual(await t.error('CreateStream', { StreamName: 'dup', ShardCount: 2 }), {
        type: 'ResourceInUseException',
        message: `Stream dup under account ${ACCOUNT} already exists.`,
      });
    }));

  test('returns an empty body and creates a 3-shard stream with AWS hash ranges', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.call('CreateStream', { StreamName: 's3', ShardCount: 3 }), {});
      const d = (await t.call('DescribeStream', { StreamName: 's3' })).StreamDescription;
      assert.equal(d.StreamStatus, 'ACTIVE');
      assert.equal(d.StreamARN, t.arn('s3'));
      assert.deepEqual(
        d.Shards.map((s: any) => [s.ShardId, s.HashKeyRange.StartingHashKey, s.HashKeyRange.EndingHashKey]),
        [
          ['shardId-000000000000', '0', '113427455640312821154458202477256070484'],
          ['shardId-000000000001', '113427455640312821154458202477256070485', '226854911280625642308916404954512140969'],
          ['shardId-000000000002', '226854911280625642308916404954512140970', '340282366920938463463374607431768211455'],
        ],
      );
      for (const s of d.Shards) assert.match(s.SequenceNumberRange.StartingSequenceNumber, /^\d{56}$/);
    }));

  test('is CREATING with no shards until the create delay has passed', () =>
    withTarget(
      async (t) => {
        await t.call('CreateStream', { StreamName: 'slow', ShardCount: 2 });
        const creating = (await t.call('DescribeStream', { StreamName: 'slow' })).StreamDescription;
        assert.equal(creating.StreamStatus, 'CREATING');
        assert.deepEqual(creating.Shards, []);
        assert.equal(creating.HasMoreShards, false);
        t.clock.advance(500);
        const active = (await t.call('DescribeStream', { StreamName: 'slow' })).StreamDescription;
        assert.equal(active.StreamStatus, 'ACTIVE');
        assert.equal(active.Shards.length, 2);
      },
      { createDelayMs: 500 },
    ));

  test('creates ON_DEMAND streams with 4 shards and a PROVISIONED stream with 4 shards by default', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
      await t.call('CreateStream', { StreamName: 'pv' });
      const od = (await t.call('DescribeStreamSummary', { StreamName: 'od' })).StreamDescriptionSummary;
      assert.deepEqual([od.OpenShardCount, od.StreamModeDetails], [4, { StreamMode: 'ON_DEMAND' }]);
      const pv = (await t.call('DescribeStreamSummary', { StreamName: 'pv' })).StreamDescriptionSummary;
      assert.deepEqual([pv.OpenShardCount, pv.StreamModeDetails], [4, { StreamMode: 'PROVISIONED' }]);
    }));

  test('applies Tags and MaxRecordSizeInKiB', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 't', ShardCount: 1, Tags: { b: '2', a: '1' }, MaxRecordSizeInKiB: 2048 });
      assert.deepEqual(await t.call('ListTagsForStream', { StreamName: 't' }), {
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
        ],
        HasMoreTags: false,
      });
      assert.equal((await t.call('DescribeStreamSummary', { StreamName: 't' })).StreamDescriptionSummary.MaxRecordSizeInKiB, 2048);
    }));

  test('refuses WarmThroughputMiBps on a PROVISIONED stream', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('CreateStream', { StreamName: 'w', ShardCount: 1, WarmThroughputMiBps: 10 }), {
        type: 'InvalidArgumentException',
        message: `Warm throughput can only be set on streams in ON_DEMAND mode. Stream w under account ${ACCOUNT} is in PROVISIONED mode.`,
      });
    }));
});
