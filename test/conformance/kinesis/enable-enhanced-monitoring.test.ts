import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { notFound, withTarget } from './kinesis-target.js';

describe('EnableEnhancedMonitoring', () => {
  test('returns ValidationException for an empty list and an unknown metric', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('EnableEnhancedMonitoring', { StreamName: 's', ShardLevelMetrics: [] }), {
        type: 'ValidationException',
        message: "1 validation error detected: Value '[]' at 'shardLevelMetrics' failed to satisfy constraint: Member must have length greater than or equal to 1",
      });
      assert.equal((await t.error('EnableEnhancedMonitoring', { StreamName: 's', ShardLevelMetrics: ['Bogus'] })).type, 'ValidationException');
    }));

  test('returns ResourceNotFoundException for an unknown stream', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('EnableEnhancedMonitoring', { StreamName: 'nope', ShardLevelMetrics: ['ALL'] }), notFound('nope'));
    }));

  test('reports the metrics before and after, expanding ALL', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      assert.deepEqual(await t.call('EnableEnhancedMonitoring', { StreamName: 's', ShardLevelMetrics: ['OutgoingBytes', 'IncomingBytes'] }), {
        StreamName: 's',
        CurrentShardLevelMetrics: [],
        DesiredShardLevelMetrics: ['IncomingBytes', 'OutgoingBytes'],
        StreamARN: t.arn('s'),
      });
      const all = await t.call('EnableEnhancedMonitoring', { StreamARN: t.arn('s'), ShardLevelMetrics: ['ALL'] });
      assert.deepEqual(all.CurrentShardLevelMetrics, ['IncomingBytes', 'OutgoingBytes']);
      assert.deepEqual(all.DesiredShardLevelMetrics, [
        'IncomingBytes',
        'IncomingRecords',
        'OutgoingBytes',
        'OutgoingRecords',
        'WriteProvisionedThroughputExceeded',
        'ReadProvisionedThroughputExceeded',
        'IteratorAgeMilliseconds',
      ]);
      const d = (await t.call('DescribeStream', { StreamName: 's' })).StreamDescription;
      assert.deepEqual(d.EnhancedMonitoring, [{ ShardLevelMetrics: all.DesiredShardLevelMetrics }]);
    }));
});
