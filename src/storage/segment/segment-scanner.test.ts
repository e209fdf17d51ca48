import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeBatch } from './entry-codec.js';
import { scanSegment } from './segment-scanner.js';
import { SEGMENT_HEADER_BYTES, encodeSegmentHeader } from './segment-header.js';

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'segment-scanner-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const entries = (first: number, n: number, ts: number) =>
  encodeBatch(Array.from({ length: n }, (_, i) => ({ partitionKey: 'k', data: Buffer.alloc(30, i) })), first, ts).buffer;

test('a clean segment scans fully and rebuilds its index', () =>
  withDir(async (dir) => {
    const path = join(dir, 's.log');
    const body = Buffer.concat([entries(50, 4, 100), entries(54, 4, 200)]);
    await writeFile(path, Buffer.concat([encodeSegmentHeader({ baseOffset: 50, previousTimestamp: 90 }), body]));
    const scan = await scanSegment(path, 50, 100);
    assert.equal(scan.headerValid, true);
    assert.equal(scan.previousTimestamp, 90);
    assert.equal(scan.recordCount, 8);
    assert.equal(scan.size, scan.fileSize);
    assert.equal(scan.firstTimestamp, 100);
    assert.equal(scan.lastTimestamp, 200);
    assert.deepEqual(scan.index.floorOffset(0), { relativeOffset: 0, position: SEGMENT_HEADER_BYTES });
    assert.ok(scan.index.length >= 2);
  }));

test('the valid prefix ends at a torn entry, a wrong offset or a timestamp going back', () =>
  withDir(async (dir) => {
    const header = encodeSegmentHeader({ baseOffset: 0, previousTimestamp: undefined });
    const good = entries(0, 3, 100);
    const path = join(dir, 's.log');
    await writeFile(path, Buffer.concat([header, good]));
    await appendFile(path, entries(3, 1, 100).subarray(0, 20));
    assert.deepEqual(await scanSegment(path, 0, 64).then((s) => [s.recordCount, s.size]), [3, SEGMENT_HEADER_BYTES + good.length]);
    await writeFile(path, Buffer.concat([header, good, entries(7, 1, 100)]));
    assert.equal((await scanSegment(path, 0, 64)).recordCount, 3);
    await writeFile(path, Buffer.concat([header, good, entries(3, 1, 99)]));
    assert.equal((await scanSegment(path, 0, 64)).recordCount, 3);
  }));

test('a missing, short or foreign header marks the whole file untrusted', () =>
  withDir(async (dir) => {
    const path = join(dir, 's.log');
    await writeFile(path, Buffer.alloc(0));
    assert.equal((await scanSegment(path, 0, 64)).headerValid, false);
    await writeFile(path, encodeSegmentHeader({ baseOffset: 0, previousTimestamp: undefined }).subarray(0, 20));
    assert.equal((await scanSegment(path, 0, 64)).headerValid, false);
    await writeFile(path, encodeSegmentHeader({ baseOffset: 5, previousTimestamp: undefined }));
    assert.equal((await scanSegment(path, 0, 64)).headerValid, false);
    assert.equal((await scanSegment(path, 5, 64)).headerValid, true);
  }));
