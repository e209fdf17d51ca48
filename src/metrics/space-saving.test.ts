import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SpaceSaving } from './space-saving.js';

describe('SpaceSaving', () => {
  test('exact while keys fit; heaviest first', () => {
    const s = new SpaceSaving(3);
    s.offer('a', 1);
    s.offer('b', 5);
    s.offer('a', 3);
    assert.deepEqual(s.top(5), [{ key: 'b', count: 5, error: 0 }, { key: 'a', count: 4, error: 0 }]);
  });

  test('a new key replaces the smallest and inherits its count as error; heavy keys survive noise', () => {
    const s = new SpaceSaving(2);
    s.offer('hot', 100);
    s.offer('x', 1);
    s.offer('y', 1);
    assert.deepEqual(s.top(2), [{ key: 'hot', count: 100, error: 0 }, { key: 'y', count: 2, error: 1 }]);
    for (let i = 0; i < 50; i++) s.offer(`noise-${i}`);
    assert.equal(s.top(1)[0]!.key, 'hot');
    assert.equal(s.top(1)[0]!.count, 100);
  });
});

describe('SpaceSaving with sampled replacement', () => {
  test('tracked keys count exactly; a dominant key is found among many random ones', () => {
    const s = new SpaceSaving(8, 8);
    for (let i = 0; i < 20_000; i++) {
      s.offer(`random-${i}`);
      if (i % 4 === 0) s.offer('hot');
    }
    const [first] = s.top(1);
    assert.equal(first!.key, 'hot');
    assert.ok(first!.count - first!.error <= 5000 && first!.count >= 5000 - 8 * 8, `count ${first!.count} error ${first!.error}`);
  });
});
