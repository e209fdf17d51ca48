import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeBatch } from './entry-codec.js';
import { readIndexSummary } from './index-file.js';
import { Segment } from './segment.js';
import { SEGMENT_HEADER_BYTES, decodeSegmentHeader } from './segment-header.js';

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'segment-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const batch = (first: number, n: number, ts: number) =>
  encodeBatch(Array.from({ length: n }, (_, i) => ({ partitionKey: `k${first + i}`, data: Buffer.alloc(20, first + i) })), first, ts);

test('a new segment starts with its header and is active', () =>
  withDir(async (dir) => {
    const segment = await Segment.create(dir, 100, 1234, 64, true);
    assert.equal(segment.active, true);
    assert.equal(segment.size, SEGMENT_HEADER_BYTES);
    assert.equal(segment.endOffset, 100);
    const bytes = await readFile(join(dir, '00000000000000000100.log'));
    assert.deepEqual(decodeSegmentHeader(bytes), { baseOffset: 100, previousTimestamp: 1234 });
    await segment.closeWriter();
  }));

test('staged entries, including part of a batch, are written with one writev and indexed', () =>
  withDir(async (dir) => {
    const segment = await Segment.create(dir, 10, undefined, 100, false);
    const a = batch(10, 3, 500);
    const b = batch(13, 4, 600);
    segment.stage(a, 0, 3);
    segment.stage(b, 0, 2);
    assert.equal(segment.recordCount, 5);
    assert.equal(segment.firstTimestamp, 500);
    assert.equal(segment.lastTimestamp, 600);
    assert.equal(segment.readableSize, SEGMENT_HEADER_BYTES, 'staged bytes are not readable yet');
    await segment.writeStaged();
    const bytes = await readFile(segment.logPath);
    assert.deepEqual(bytes.subarray(SEGMENT_HEADER_BYTES), Buffer.concat([a.buffer, b.buffer.subarray(0, b.entryEnds[1])]));
    assert.equal(segment.size, bytes.length);
    // 50-byte entries, an index entry every 100 bytes: relative offsets 0, 2 and 4.
    assert.deepEqual(segment.index!.floorOffset(3), { relativeOffset: 2, position: SEGMENT_HEADER_BYTES + 100 });
    assert.deepEqual(segment.index!.floorOffset(4), { relativeOffset: 4, position: SEGMENT_HEADER_BYTES + 200 });
    await segment.closeWriter();
  }));

test('sealing writes an index file describing the segment and drops the in-memory index', () =>
  withDir(async (dir) => {
    const segment = await Segment.create(dir, 0, undefined, 32, true);
    segment.stage(batch(0, 6, 700), 0, 6);
    await segment.writeStaged();
    await segment.sync();
    const index = await segment.seal(true);
    assert.equal(segment.active, false);
    assert.equal(segment.index, undefined);
    const summary = await readIndexSummary(segment.indexPath);
    assert.deepEqual(summary, segment.indexSummary);
    assert.equal(summary!.recordCount, 6);
    assert.equal(summary!.segmentBytes, segment.size);
    assert.equal(summary!.entryCount, index.length);
    assert.equal(summary!.firstTimestamp, 700);
    assert.equal(summary!.lastTimestamp, 700);
  }));
