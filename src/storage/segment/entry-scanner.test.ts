import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeBatch, readEntryHeader } from './entry-codec.js';
import { scanEntries } from './entry-scanner.js';

async function withFile(content: Buffer, fn: (path: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'entry-scanner-'));
  try {
    const path = join(dir, 'f.log');
    await writeFile(path, content);
    await fn(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function entries(n: number, dataBytes = 50): Buffer {
  return encodeBatch(Array.from({ length: n }, (_, i) => ({ partitionKey: `k${i}`, data: Buffer.alloc(dataBytes + (i % 5) * 17, i) })), 0, 1000).buffer;
}

async function offsets(path: string, start: number, limit: number, initialChunkBytes: number, stopAt = Infinity) {
  const handle = await open(path, 'r');
  try {
    const seen: number[] = [];
    const result = await scanEntries(handle, start, limit, { verifyChecksum: true, initialChunkBytes, maxChunkBytes: 256 }, (buf, pos, size) => {
      const { offset } = readEntryHeader(buf, pos, size);
      if (offset >= stopAt) return false;
      seen.push(offset);
      return true;
    });
    return { seen, result };
  } finally {
    await handle.close();
  }
}

test('scanning visits every entry whatever the chunk size, including entries larger than a chunk', async () => {
  const content = Buffer.concat([entries(20), encodeBatch([{ partitionKey: 'big', data: Buffer.alloc(1000, 1) }], 20, 1000).buffer]);
  await withFile(content, async (path) => {
    for (const chunk of [1, 8, 64, 100, 4096]) {
      const { seen, result } = await offsets(path, 0, content.length, chunk);
      assert.deepEqual(seen, Array.from({ length: 21 }, (_, i) => i), `chunk ${chunk}`);
      assert.deepEqual(result, { outcome: 'end', position: content.length });
    }
  });
});

test('a visitor that returns false stops before the entry', async () => {
  const content = entries(10);
  await withFile(content, async (path) => {
    const { seen, result } = await offsets(path, 0, content.length, 64, 4);
    assert.deepEqual(seen, [0, 1, 2, 3]);
    assert.equal(result.outcome, 'stopped');
    const again = await offsets(path, result.position, content.length, 64);
    assert.deepEqual(again.seen, [4, 5, 6, 7, 8, 9]);
  });
});

test('a torn, impossible or corrupt entry ends the scan as invalid at its position', async () => {
  const content = entries(6);
  await withFile(content, async (path) => {
    const full = await offsets(path, 0, content.length, 4096);
    assert.equal(full.seen.length, 6);
    const { seen, result } = await offsets(path, 0, content.length - 3, 4096);
    assert.deepEqual(seen, [0, 1, 2, 3, 4]);
    assert.equal(result.outcome, 'invalid');
    const lastStart = result.position;
    assert.equal((await offsets(path, 0, lastStart + 5, 16)).result.position, lastStart);
  });
  await withFile(content, async (path) => {
    await appendFile(path, Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    const { seen, result } = await offsets(path, 0, content.length + 10, 32);
    assert.equal(seen.length, 6);
    assert.deepEqual(result, { outcome: 'invalid', position: content.length });
  });
  const corrupt = Buffer.from(content);
  corrupt[100]! ^= 0xff;
  await withFile(corrupt, async (path) => {
    const { result } = await offsets(path, 0, corrupt.length, 4096);
    assert.equal(result.outcome, 'invalid');
    assert.ok(result.position <= 100);
  });
});

test('a scan reads nothing past the limit even when the file is longer', async () => {
  const content = entries(8);
  await withFile(content, async (path) => {
    const boundary = (await offsets(path, 0, content.length, 4096, 5)).result.position;
    const { seen, result } = await offsets(path, 0, boundary, 7);
    assert.deepEqual(seen, [0, 1, 2, 3, 4]);
    assert.deepEqual(result, { outcome: 'end', position: boundary });
  });
});
