import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withTarget } from './kinesis-target.js';

const DAY = 24 * 60 * 60;

describe('UpdateAccountSettings', () => {
  test('returns ValidationException for a missing or unknown Status', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('UpdateAccountSettings', {}), {
        type: 'ValidationException',
        message: "1 validation error detected: Value null at 'minimumThroughputBillingCommitment' failed to satisfy constraint: Member must not be null",
      });
      assert.deepEqual(await t.error('UpdateAccountSettings', { MinimumThroughputBillingCommitment: { Status: 'ON' } }), {
        type: 'ValidationException',
        message:
          "1 validation error detected: Value 'ON' at 'minimumThroughputBillingCommitment.status' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]",
      });
    }));

  test('enables the commitment, which then runs at least 24 hours', () =>
    withTarget(async (t) => {
      const start = t.clock.now() / 1000;
      const enabled = { Status: 'ENABLED', StartedAt: start, EarliestAllowedEndAt: start + DAY };
      assert.deepEqual(await t.call('UpdateAccountSettings', { MinimumThroughputBillingCommitment: { Status: 'ENABLED' } }), {
        MinimumThroughputBillingCommitment: enabled,
      });
      assert.deepEqual(await t.call('DescribeAccountSettings'), { MinimumThroughputBillingCommitment: enabled });
      t.clock.advance(3600_000);
      const ending = await t.call('UpdateAccountSettings', { MinimumThroughputBillingCommitment: { Status: 'DISABLED' } });
      assert.deepEqual(ending.MinimumThroughputBillingCommitment, { ...enabled, Status: 'ENABLED_UNTIL_EARLIEST_ALLOWED_END', EndedAt: start + DAY });
      t.clock.advance(DAY * 1000);
      assert.deepEqual((await t.call('DescribeAccountSettings')).MinimumThroughputBillingCommitment, {
        Status: 'DISABLED',
        StartedAt: start,
        EndedAt: start + DAY,
      });
    }));

  test('lets ON_DEMAND streams have warm throughput once enabled', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
      assert.equal((await t.error('UpdateStreamWarmThroughput', { StreamName: 'od', WarmThroughputMiBps: 10 })).type, 'InvalidArgumentException');
      await t.call('UpdateAccountSettings', { MinimumThroughputBillingCommitment: { Status: 'ENABLED' } });
      await t.call('UpdateStreamWarmThroughput', { StreamName: 'od', WarmThroughputMiBps: 10 });
    }));
});
