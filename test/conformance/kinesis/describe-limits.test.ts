import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withTarget } from './kinesis-target.js';

describe('DescribeLimits', () => {
  test('reports the configured limits with no streams', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.call('DescribeLimits'), { ShardLimit: 500, OpenShardCount: 0, OnDemandStreamCount: 0, OnDemandStreamCountLimit: 50 });
    }));

  test('counts open provisioned shards and on-demand streams', () =>
    withTarget(
      async (t) => {
        await t.call('CreateStream', { StreamName: 'a', ShardCount: 3 });
        await t.call('CreateStream', { StreamName: 'b', ShardCount: 2 });
        await t.call('CreateStream', { StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
        assert.deepEqual(await t.call('DescribeLimits', {}), { ShardLimit: 20, OpenShardCount: 5, OnDemandStreamCount: 1, OnDemandStreamCountLimit: 3 });
        await t.call('DeleteStream', { StreamName: 'a' });
        assert.equal((await t.call('DescribeLimits')).OpenShardCount, 2);
      },
      { shardLimit: 20, onDemandStreamCountLimit: 3 },
    ));
});
