import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RecentLines } from './recent-lines.js';

const line = (message: string) => ({ time: 0, requestId: 'r', level: 'INFO' as const, message });

describe('RecentLines', () => {
  test('keeps every line while they fit in the tail', () => {
    const recent = new RecentLines();
    recent.add([line('a'), line('b')]);
    assert.deepEqual(recent.toArray().map((l) => l.message), ['a', 'b']);
  });

  test('drops the oldest lines once the newer ones alone fill the 4096-byte tail', () => {
    const recent = new RecentLines();
    for (let i = 0; i < 1000; i++) recent.add([line(`${String(i).padStart(3, '0')}${'x'.repeat(96)}`)]);
    const kept = recent.toArray();
    assert.equal(kept.length, 41);
    assert.equal(kept[0]!.message.slice(0, 3), '959');
    assert.equal(kept.at(-1)!.message.slice(0, 3), '999');
  });
});
