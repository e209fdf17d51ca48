import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertShardKey } from './shard-key.js';
import { InvalidShardKeyError } from './segment-errors.js';

test('shard keys are safe path segments joined by slashes', () => {
  for (const ok of ['a', 'a1b2c3/shardId-000000000000', 'A_b-9/c/d']) assertShardKey(ok);
  for (const bad of ['', '/a', 'a/', 'a//b', '../x', 'a/../b', 'a b', '.trash', 'a\\b', 'ä']) {
    assert.throws(() => assertShardKey(bad), InvalidShardKeyError, bad);
  }
});
