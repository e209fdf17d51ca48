import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT, notFound, withTarget } from './kinesis-target.js';

describe('IncreaseStreamRetentionPeriod', () => {
  test('returns ValidationException without RetentionPeriodHours', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('IncreaseStreamRetentionPeriod', { StreamName: 's' }), {
        type: 'ValidationException',
        message: "1 validation error detected: Value null at 'retentionPeriodHours' failed to satisfy constraint: Member must not be null",
      });
    }));

  test('returns ResourceNotFoundException for an unknown stream', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('IncreaseStreamRetentionPeriod', { StreamName: 'nope', RetentionPeriodHours: 25 }), notFound('nope'));
    }));

  test('refuses periods outside 24..8760 hours and shorter than the current one', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      assert.deepEqual(await t.error('IncreaseStreamRetentionPeriod', { StreamName: 's', RetentionPeriodHours: 23 }), {
        type: 'InvalidArgumentException',
        message: 'Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.',
      });
      assert.deepEqual(await t.error('IncreaseStreamRetentionPeriod', { StreamName: 's', RetentionPeriodHours: 8761 }), {
        type: 'InvalidArgumentException',
        message: 'Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long.',
      });
      await t.call('IncreaseStreamRetentionPeriod', { StreamName: 's', RetentionPeriodHours: 48 });
      assert.deepEqual(await t.error('IncreaseStreamRetentionPeriod', { StreamName: 's', RetentionPeriodHours: 30 }), {
        type: 'InvalidArgumentException',
        message: 'Requested retention period (30 hours) for stream s can not be shorter than existing retention period (48 hours). Use DecreaseRetentionPeriod API.',
      });
    }));

  test('increases the period (by name or ARN; the same value is accepted)', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      assert.deepEqual(await t.call('IncreaseStreamRetentionPeriod', { StreamARN: t.arn('s'), RetentionPeriodHours: 8760 }), {});
      await t.call('IncreaseStreamRetentionPeriod', { StreamName: 's', RetentionPeriodHours: 8760 });
      assert.equal((await t.call('DescribeStreamSummary', { StreamName: 's' })).StreamDescriptionSummary.RetentionPeriodHours, 8760);
    }));

  test('returns ResourceInUseException while the stream is CREATING', () =>
    withTarget(
      async (t) => {
        await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
        assert.deepEqual(await t.error('IncreaseStreamRetentionPeriod', { StreamName: 's', RetentionPeriodHours: 48 }), {
          type: 'ResourceInUseException',
          message: `Stream s under account ${ACCOUNT} not ACTIVE, instead in state CREATING`,
        });
      },
      { createDelayMs: 100 },
    ));
});
