import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { notFound, withTarget } from './kinesis-target.js';

describe('DecreaseStreamRetentionPeriod', () => {
  test('returns ResourceNotFoundException for an unknown stream', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('DecreaseStreamRetentionPeriod', { StreamName: 'nope', RetentionPeriodHours: 24 }), notFound('nope'));
    }));

  test('refuses periods under 24 hours and longer than the current one', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      assert.deepEqual(await t.error('DecreaseStreamRetentionPeriod', { StreamName: 's', RetentionPeriodHours: 1 }), {
        type: 'InvalidArgumentException',
        message: 'Minimum allowed retention period is 24 hours. Requested retention period (1 hours) is too short.',
      });
      assert.deepEqual(await t.error('DecreaseStreamRetentionPeriod', { StreamName: 's', RetentionPeriodHours: 25 }), {
        type: 'InvalidArgumentException',
        message: 'Requested retention period (25 hours) for stream s can not be longer than existing retention period (24 hours). Use IncreaseRetentionPeriod API.',
      });
    }));

  test('decreases the period', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      await t.call('IncreaseStreamRetentionPeriod', { StreamName: 's', RetentionPeriodHours: 100 });
      assert.deepEqual(await t.call('DecreaseStreamRetentionPeriod', { StreamName: 's', RetentionPeriodHours: 24 }), {});
      assert.equal((await t.call('DescribeStream', { StreamName: 's' })).StreamDescription.RetentionPeriodHours, 24);
    }));
});
