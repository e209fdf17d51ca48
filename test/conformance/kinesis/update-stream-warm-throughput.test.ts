import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT, notFound, withTarget } from './kinesis-target.js';

describe('UpdateStreamWarmThroughput', () => {
  test('returns ValidationException without WarmThroughputMiBps', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('UpdateStreamWarmThroughput', { StreamName: 's' }), {
        type: 'ValidationException',
        message: "1 validation error detected: Value null at 'warmThroughputMiBps' failed to satisfy constraint: Member must not be null",
      });
    }));

  test('returns ResourceNotFoundException for an unknown stream', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('UpdateStreamWarmThroughput', { StreamARN: t.arn('nope'), WarmThroughputMiBps: 1 }), notFound('nope'));
    }));

  test('refuses PROVISIONED streams and accounts without a commitment', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 'p', ShardCount: 1 });
      await t.call('CreateStream', { StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
      assert.deepEqual(await t.error('UpdateStreamWarmThroughput', { StreamName: 'p', WarmThroughputMiBps: 10 }), {
        type: 'InvalidArgumentException',
        message: `Warm throughput can only be set on streams in ON_DEMAND mode. Stream p under account ${ACCOUNT} is in PROVISIONED mode.`,
      });
      assert.deepEqual(await t.error('UpdateStreamWarmThroughput', { StreamName: 'od', WarmThroughputMiBps: 10 }), {
        type: 'InvalidArgumentException',
        message: `Warm throughput requires MinimumThroughputBillingCommitment to be enabled for account ${ACCOUNT}.`,
      });
    }));

  test('sets and reports the warm throughput of an ON_DEMAND stream', () =>
    withTarget(async (t) => {
      await t.call('UpdateAccountSettings', { MinimumThroughputBillingCommitment: { Status: 'ENABLED' } });
      await t.call('CreateStream', { StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
      assert.deepEqual(await t.call('UpdateStreamWarmThroughput', { StreamARN: t.arn('od'), WarmThroughputMiBps: 50 }), {
        StreamARN: t.arn('od'),
        StreamName: 'od',
        WarmThroughput: { TargetMiBps: 50, CurrentMiBps: 50 },
      });
      const summary = (await t.call('DescribeStreamSummary', { StreamName: 'od' })).StreamDescriptionSummary;
      assert.deepEqual(summary.WarmThroughput, { TargetMiBps: 50, CurrentMiBps: 50 });
    }));
});
