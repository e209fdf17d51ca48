import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { READ_CHUNK_BYTES, ReadChunkPool } from './read-chunk-pool.js';

const MiB = 1024 * 1024;

describe('ReadChunkPool', () => {
  test('gives reads under 1 MiB plain allocations that release ignores', () => {
    const pool = new ReadChunkPool();
    const chunk = pool.acquire(64 * 1024);
    assert.equal(chunk.length, 64 * 1024);
    pool.release([chunk]);
    assert.equal(pool.freeBytes, 0);
  });

  test('reuses a released slab for the next read of 1 to 4 MiB', () => {
    const pool = new ReadChunkPool();
    const first = pool.acquire(READ_CHUNK_BYTES);
    pool.release([first]);
    assert.equal(pool.freeBytes, READ_CHUNK_BYTES);
    const second = pool.acquire(2 * MiB + 3);
    assert.equal(second.length, 2 * MiB + 3);
    assert.ok(second.buffer === first.buffer);
    assert.equal(pool.freeBytes, 0);
  });

  test('never hands out one slab twice while it is lent', () => {
    const pool = new ReadChunkPool();
    const a = pool.acquire(READ_CHUNK_BYTES);
    const b = pool.acquire(READ_CHUNK_BYTES);
    assert.ok(a.buffer !== b.buffer);
    pool.release([a, a, Buffer.alloc(READ_CHUNK_BYTES)]);
    assert.equal(pool.freeBytes, READ_CHUNK_BYTES);
    const c = pool.acquire(READ_CHUNK_BYTES);
    const d = pool.acquire(READ_CHUNK_BYTES);
    assert.ok(c.buffer === a.buffer);
    assert.ok(d.buffer !== a.buffer && d.buffer !== b.buffer);
  });

  test('keeps at most maxFreeBytes of released memory, and nothing when it is 0', () => {
    const pool = new ReadChunkPool(2 * READ_CHUNK_BYTES);
    pool.release([pool.acquire(MiB), pool.acquire(MiB), pool.acquire(MiB)]);
    assert.equal(pool.freeBytes, 2 * READ_CHUNK_BYTES);
    const off = new ReadChunkPool(0);
    off.release([off.acquire(READ_CHUNK_BYTES)]);
    assert.equal(off.freeBytes, 0);
  });
});
