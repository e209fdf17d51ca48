import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { notFound, withTarget } from './kinesis-target.js';

describe('DisableEnhancedMonitoring', () => {
  test('returns ValidationException without ShardLevelMetrics', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('DisableEnhancedMonitoring', { StreamName: 's' }), {
        type: 'ValidationException',
        message: "1 validation error detected: Value null at 'shardLevelMetrics' failed to satisfy constraint: Member must not be null",
      });
    }));

  test('returns ResourceNotFoundException for an unknown stream', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('DisableEnhancedMonitoring', { StreamName: 'nope', ShardLevelMetrics: ['ALL'] }), notFound('nope'));
    }));

  test('disables some metrics, then ALL', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      await t.call('EnableEnhancedMonitoring', { StreamName: 's', ShardLevelMetrics: ['IncomingBytes', 'IncomingRecords'] });
      assert.deepEqual(await t.call('DisableEnhancedMonitoring', { StreamName: 's', ShardLevelMetrics: ['IncomingRecords', 'OutgoingBytes'] }), {
        StreamName: 's',
        CurrentShardLevelMetrics: ['IncomingBytes', 'IncomingRecords'],
        DesiredShardLevelMetrics: ['IncomingBytes'],
        StreamARN: t.arn('s'),
      });
      const none = await t.call('DisableEnhancedMonitoring', { StreamName: 's', ShardLevelMetrics: ['ALL'] });
      assert.deepEqual([none.CurrentShardLevelMetrics, none.DesiredShardLevelMetrics], [['IncomingBytes'], []]);
    }));
});
