import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_HASH_KEY, evenShardLayout, shardIdFor } from './shard-layout.js';

test('one shard covers the whole 128-bit hash key space', () => {
  assert.deepEqual(evenShardLayout(1), [{ hashKeyStart: '0', hashKeyEnd: '340282366920938463463374607431768211455' }]);
});

test('shards split 2^128 evenly and the last takes the remainder, as AWS does', () => {
  assert.deepEqual(evenShardLayout(3), [
    { hashKeyStart: '0', hashKeyEnd: '113427455640312821154458202477256070484' },
    { hashKeyStart: '113427455640312821154458202477256070485', hashKeyEnd: '226854911280625642308916404954512140969' },
    { hashKeyStart: '226854911280625642308916404954512140970', hashKeyEnd: '340282366920938463463374607431768211455' },
  ]);
  for (const n of [2, 7, 10, 500]) {
    const ranges = evenShardLayout(n);
    assert.equal(ranges.length, n);
    assert.equal(ranges[0]!.hashKeyStart, '0');
    assert.equal(BigInt(ranges.at(-1)!.hashKeyEnd), MAX_HASH_KEY);
    for (let i = 1; i < n; i++) assert.equal(BigInt(ranges[i]!.hashKeyStart), BigInt(ranges[i - 1]!.hashKeyEnd) + 1n);
  }
});

test('a shard count below 1 is a programming error', () => {
  assert.throws(() => evenShardLayout(0), RangeError);
});

test('shard ids are shardId- and 12 digits', () => {
  assert.equal(shardIdFor(0), 'shardId-000000000000');
  assert.equal(shardIdFor(123), 'shardId-000000000123');
});
