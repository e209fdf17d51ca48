import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT, REGION, notFound, withTarget } from './kinesis-target.js';

describe('UpdateStreamMode', () => {
  test('returns ValidationException without StreamARN and StreamModeDetails', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('UpdateStreamMode', {}), {
        type: 'ValidationException',
        message:
          '2 validation errors detected: ' +
          "Value null at 'streamARN' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'streamModeDetails' failed to satisfy constraint: Member must not be null",
      });
    }));

  test('returns ResourceNotFoundException for an unknown stream', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('UpdateStreamMode', { StreamARN: t.arn('nope'), StreamModeDetails: { StreamMode: 'ON_DEMAND' } }), notFound('nope'));
    }));

  test('switches modes, UPDATING for the update delay', () =>
    withTarget(
      async (t) => {
        await t.call('CreateStream', { StreamName: 's', ShardCount: 2 });
        assert.deepEqual(await t.call('UpdateStreamMode', { StreamARN: t.arn('s'), StreamModeDetails: { StreamMode: 'ON_DEMAND' } }), {});
        const updating = (await t.call('DescribeStreamSummary', { StreamName: 's' })).StreamDescriptionSummary;
        assert.deepEqual([updating.StreamStatus, updating.StreamModeDetails.StreamMode], ['UPDATING', 'ON_DEMAND']);
        t.clock.advance(100);
        assert.equal((await t.call('DescribeStreamSummary', { StreamName: 's' })).StreamDescriptionSummary.StreamStatus, 'ACTIVE');
        assert.deepEqual((await t.call('DescribeLimits')).OnDemandStreamCount, 1);
      },
      { updateDelayMs: 100 },
    ));

  test('checks the shard limit when switching to PROVISIONED', () =>
    withTarget(
      async (t) => {
        await t.call('CreateStream', { StreamName: 'p', ShardCount: 3 });
        await t.call('CreateStream', { StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
        assert.deepEqual(await t.error('UpdateStreamMode', { StreamARN: t.arn('od'), StreamModeDetails: { StreamMode: 'PROVISIONED' } }), {
          type: 'LimitExceededException',
          message:
            `This request would exceed the shard limit for the account ${ACCOUNT} in ${REGION}. Current shard count for the account: 3. Limit: 5. ` +
            'Number of additional shards that would have resulted from this request: 4. ' +
            'Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.',
        });
      },
      { shardLimit: 5 },
    ));
});
