import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HandleCache } from './handle-cache.js';

async function withFiles(n: number, fn: (paths: string[]) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'handle-cache-'));
  try {
    const paths = Array.from({ length: n }, (_, i) => join(dir, `f${i}`));
    for (const [i, p] of paths.entries()) await writeFile(p, `file ${i}`);
    await fn(paths);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function readOne(handle: import('node:fs/promises').FileHandle): Promise<string> {
  const buf = Buffer.alloc(6);
  await handle.read(buf, 0, 6, 0);
  return buf.toString();
}

test('handles are reused and the cache stays within its bound', () =>
  withFiles(4, async (paths) => {
    const cache = new HandleCache(2);
    const a = await cache.acquire(paths[0]!);
    a.release();
    const again = await cache.acquire(paths[0]!);
    assert.equal(again.handle, a.handle);
    again.release();
    for (const p of paths) (await cache.acquire(p)).release();
    assert.equal(cache.size, 2);
    await cache.closeAll();
    assert.equal(cache.size, 0);
  }));

test('a leased handle stays open through eviction and closes on release', () =>
  withFiles(3, async (paths) => {
    const cache = new HandleCache(1);
    const lease = await cache.acquire(paths[0]!);
    (await cache.acquire(paths[1]!)).release();
    (await cache.acquire(paths[2]!)).release();
    cache.evict(paths[0]!);
    assert.equal(await readOne(lease.handle), 'file 0');
    lease.release();
    lease.release();
    await assert.rejects(readOne(lease.handle), { code: 'EBADF' });
    await cache.closeAll();
  }));

test('acquiring a missing file rejects and caches nothing', async () => {
  const cache = new HandleCache(4);
  await assert.rejects(cache.acquire(join(tmpdir(), 'no-such-dir-x', 'f')), { code: 'ENOENT' });
  assert.equal(cache.size, 0);
});
