import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SeriesRing } from './series-ring.js';

const T0 = 1_700_000_000_000;

describe('SeriesRing', () => {
  test('counters sum per slot, empty slots read 0, only the last `slots` slots are kept', () => {
    const ring = new SeriesRing('counter', 1000, 4);
    ring.write(T0, 2);
    ring.write(T0 + 500, 3);
    ring.write(T0 + 2000, 7);
    assert.deepEqual(ring.read(T0 + 2000, undefined), { t: [T0 - 1000, T0, T0 + 1000, T0 + 2000], v: [0, 5, 0, 7] });
    ring.write(T0 + 5000, 1);
    assert.deepEqual(ring.read(T0 + 5000, undefined).v, [7, 0, 0, 1]);
    assert.deepEqual(ring.read(T0 + 5000, T0 + 4000), { t: [T0 + 4000, T0 + 5000], v: [0, 1] });
  });

  test('a long silence clears everything', () => {
    const ring = new SeriesRing('counter', 1000, 3);
    ring.write(T0, 1);
    ring.write(T0 + 100_000, 4);
    assert.deepEqual(ring.read(T0 + 101_000, undefined).v, [0, 4, 0]);
  });

  test('gauges carry the last value into skipped and future slots', () => {
    const ring = new SeriesRing('gauge', 1000, 4);
    ring.write(T0, 5);
    ring.write(T0 + 200, 6);
    ring.write(T0 + 2000, 9);
    assert.deepEqual(ring.read(T0 + 3000, undefined).v, [6, 6, 9, 9]);
  });

  test('timers keep the per-slot average; writes from the past are dropped', () => {
    const ring = new SeriesRing('timer', 1000, 2);
    ring.write(T0, 10);
    ring.write(T0 + 1, 20);
    ring.write(T0 + 1000, 4);
    ring.write(T0 - 5000, 99);
    assert.deepEqual(ring.read(T0 + 1000, undefined).v, [15, 4]);
    assert.equal(ring.bytes, 16);
  });
});
