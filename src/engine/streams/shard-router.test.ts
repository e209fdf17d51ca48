import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { evenShardLayout } from './shard-layout.js';
import { decimalToHashHex, partitionKeyHash } from './hash-key.js';
import { routerFor, ShardRouter } from './shard-router.js';
import type { ShardState, StreamState } from './stream-state.js';

function shards(count: number): ShardState[] {
  return evenShardLayout(count).map((range, index) => ({
    shardId: `shardId-${String(index).padStart(12, '0')}`,
    index,
    ...range,
    createdAt: 1_700_000_000_000,
    logKey: `s/${index}`,
  }));
}

function stream(id: string, list: ShardState[]): StreamState {
  return {
    name: 'test', id, arn: 'arn', status: 'ACTIVE', mode: 'PROVISIONED', createdAt: 0, retentionHours: 24,
    encryptionType: 'NONE', shardLevelMetrics: [], tags: {}, maxRecordSizeKiB: 1024, shards: list,
  };
}

const third = ((1n << 128n) / 3n);

describe('ShardRouter', () => {
  test('routes partition keys as AWS does on a 3-shard stream (a→0, b→1, e→2, f→1)', () => {
    const router = new ShardRouter(shards(3));
    const shardOf = (key: string): string => router.shards[router.route(partitionKeyHash(key))]!.shardId;
    assert.equal(shardOf('a'), 'shardId-000000000000');
    assert.equal(shardOf('b'), 'shardId-000000000001');
    assert.equal(shardOf('e'), 'shardId-000000000002');
    assert.equal(shardOf('f'), 'shardId-000000000001');
  });

  test('routes the exact range bounds AWS publishes for 3 shards', () => {
    const router = new ShardRouter(shards(3));
    const at = (decimal: string): number => router.shards[router.route(decimalToHashHex(decimal))]!.index;
    assert.equal(at('0'), 0);
    assert.equal(at('113427455640312821154458202477256070484'), 0);
    assert.equal(at('113427455640312821154458202477256070485'), 1);
    assert.equal(at((third * 2n - 1n).toString()), 1);
    assert.equal(at((third * 2n).toString()), 2);
    assert.equal(at('340282366920938463463374607431768211455'), 2);
  });

  test('ignores closed shards and finds every range of a large stream', () => {
    const list = shards(64);
    const router = new ShardRouter(list);
    for (const shard of list) {
      assert.equal(router.shards[router.route(decimalToHashHex(shard.hashKeyStart))]!.index, shard.index);
      assert.equal(router.shards[router.route(decimalToHashHex(shard.hashKeyEnd))]!.index, shard.index);
    }
    const withClosed = [{ ...list[0]!, endingSequenceNumber: '1' }, ...list.slice(1)];
    const partial = new ShardRouter(withClosed);
    assert.equal(partial.shards.length, 63);
    assert.equal(partial.route(decimalToHashHex('0')), -1);
  });

  test('routerFor caches per stream incarnation and rebuilds when the layout changes', () => {
    const first = stream('id-1', shards(2));
    const router = routerFor(first);
    assert.equal(routerFor({ ...first, status: 'UPDATING' }), router);
    assert.equal(routerFor({ ...first, shards: shards(2) }), router);
    assert.notEqual(routerFor({ ...first, shards: shards(3) }), router);
    assert.notEqual(routerFor(stream('id-2', shards(2))), router);
  });
});
