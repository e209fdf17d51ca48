import { test } from 'node:test';
import assert from 'node:assert/strict';
import { retryBackoffMs } from './retry-backoff.js';

const firehose = { initialMs: 1000, maxMs: 120_000, jitter: 0.15 };

test('doubles from 1 s and stops at the 2-minute cap', () => {
  const waits = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => retryBackoffMs(n, firehose, () => 0.5));
  assert.deepEqual(waits, [1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 120_000, 120_000]);
});

test('jitter spreads each wait by at most ±15 %', () => {
  assert.equal(retryBackoffMs(1, firehose, () => 0), 850);
  assert.equal(retryBackoffMs(1, firehose, () => 0.999999), 1150);
  assert.equal(retryBackoffMs(8, firehose, () => 0), 102_000);
  assert.equal(retryBackoffMs(3, { ...firehose, jitter: 0 }, () => 0), 4000);
});
