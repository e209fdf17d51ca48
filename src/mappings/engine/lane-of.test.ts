import { test } from 'node:test';
import assert from 'node:assert/strict';
import { laneOf } from './lane-of.js';

test('laneOf is stable per partition key, within range, and spreads keys over the lanes', () => {
  assert.equal(laneOf('anything', 1), 0);
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < 10_000; i++) {
    const lane = laneOf(`key-${i}`, 10);
    assert.equal(laneOf(`key-${i}`, 10), lane);
    counts[lane]!++;
  }
  for (const count of counts) assert.ok(count > 800 && count < 1200, `lane sizes ${counts.join(',')}`);
});
