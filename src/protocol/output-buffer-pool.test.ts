import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { OutputBufferPool } from './output-buffer-pool.js';
import { encodeJson } from './json-codec.js';

const MiB = 1024 * 1024;

describe('OutputBufferPool', () => {
  test('gives small bodies plain allocations that release ignores', () => {
    const pool = new OutputBufferPool();
    const body = pool.acquire(1000);
    assert.equal(body.length, 1000);
    pool.release(body);
    assert.equal(pool.freeBytes, 0);
  });

  test('reuses the memory of a released body for the next one of similar size', () => {
    const pool = new OutputBufferPool();
    const first = pool.acquire(3 * MiB + 5);
    assert.equal(first.length, 3 * MiB + 5);
    pool.release(first);
    assert.equal(pool.freeBytes, 4 * MiB);
    const second = pool.acquire(3 * MiB);
    assert.equal(second.length, 3 * MiB);
    assert.ok(second.buffer === first.buffer);
    assert.equal(pool.freeBytes, 0);
  });

  test('does not carve a body from memory more than half as large again', () => {
    const pool = new OutputBufferPool();
    const big = pool.acquire(10 * MiB);
    pool.release(big);
    const small = pool.acquire(2 * MiB);
    assert.ok(small.buffer !== big.buffer);
    assert.equal(pool.freeBytes, 10 * MiB);
  });

  test('ignores a second release and buffers it did not lend', () => {
    const pool = new OutputBufferPool();
    const body = pool.acquire(2 * MiB);
    pool.release(body);
    pool.release(body);
    pool.release(Buffer.alloc(2 * MiB));
    assert.equal(pool.freeBytes, 2 * MiB);
  });

  test('keeps at most maxFree released bodies', () => {
    const pool = new OutputBufferPool({ maxFree: 2 });
    const bodies = [pool.acquire(MiB), pool.acquire(MiB), pool.acquire(MiB)];
    for (const body of bodies) pool.release(body);
    assert.equal(pool.freeBytes, 2 * MiB);
  });

  test('keeps at most maxFreeBytes of released memory', () => {
    const pool = new OutputBufferPool({ maxFreeBytes: 5 * MiB });
    const bodies = [pool.acquire(2 * MiB), pool.acquire(2 * MiB), pool.acquire(2 * MiB)];
    for (const body of bodies) pool.release(body);
    assert.equal(pool.freeBytes, 4 * MiB);
  });

  test('encodeJson writes the same bytes into pooled memory, and reuses it once released', () => {
    const pool = new OutputBufferPool();
    const value = { Records: [{ Data: Buffer.alloc(MiB, 7), PartitionKey: 'k' }], MillisBehindLatest: 0 };
    const plain = encodeJson(value);
    const pooled = encodeJson(value, pool);
    assert.ok(pooled.equals(plain));
    pool.release(pooled);
    const again = encodeJson(value, pool);
    assert.ok(again.buffer === pooled.buffer);
    assert.ok(again.equals(plain));
  });
});
