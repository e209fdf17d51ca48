// Recovery of SegmentRecordLog: torn tail, garbage tail, bad checksum, missing or corrupt index
// files, an empty segment left by a crash during a roll, and repeated kill -9 of a process that
// appends: every acknowledged record survives, nothing partial or corrupt is ever readable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, open, readdir, readFile, rm, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SegmentRecordLog } from '../../src/storage/segment/segment-record-log.js';
import { CorruptSegmentError } from '../../src/storage/segment/segment-errors.js';
import type { AppendRecord, StoredRecord } from '../../src/storage/record-log.js';
import { payloadFor } from './segment-payload.js';

const S = 'stream/shardId-000000000000';
const T0 = 1_700_000_000_000;
const HEADER = 32;
const FRAME = 8;

function recs(from: number, n: number): AppendRecord[] {
  return Array.from({ length: n }, (_, i) => ({ partitionKey: `pk-${from + i}`, data: Buffer.from(`data-${from + i}-`.padEnd(40, 'x')) }));
}

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tributary-recovery-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function openLog(dir: string, segmentBytes = 64 * 1024 * 1024): Promise<SegmentRecordLog> {
  const log = new SegmentRecordLog({ dir, segmentBytes, indexIntervalBytes: 64 });
  await log.open();
  return log;
}

/**
 * Writes `batches` appends of `per` records (timestamps T0 + i), closes the log, then removes the
 * index a clean close saves for the active segment: the files are then exactly what a crash leaves.
 */
async function populate(dir: string, batches: number, per: number, segmentBytes?: number): Promise<void> {
  const log = await openLog(dir, segmentBytes);
  await log.createShard(S);
  for (let i = 0; i < batches; i++) await log.append(S, recs(i * per, per), T0 + i);
  await log.close();
  const last = (await segmentFiles(dir)).at(-1)!;
  await unlink(last.replace(/\.log$/, '.index'));
}

async function segmentFiles(dir: string): Promise<string[]> {
  return (await readdir(join(dir, S))).filter((n) => n.endsWith('.log')).sort().map((n) => join(dir, S, n));
}

/** File positions where each entry of a segment starts, and the end of the last one. */
async function entryStarts(path: string): Promise<number[]> {
  const buf = await readFile(path);
  const starts = [];
  for (let p = HEADER; p < buf.length; p += FRAME + buf.readUInt32LE(p)) starts.push(p);
  return [...starts, buf.length];
}

async function readAll(log: SegmentRecordLog): Promise<readonly StoredRecord[]> {
  return (await log.read(S, 0, { maxRecords: 100_000, maxBytes: 1 << 30 })).records;
}

test('a torn tail (file cut mid-entry) is truncated to the last whole entry', () =>
  withDir(async (dir) => {
    await populate(dir, 5, 4);
    const [file] = await segmentFiles(dir);
    const starts = await entryStarts(file!);
    await truncate(file!, starts[19]! + 11);
    const log = await openLog(dir);
    assert.deepEqual(log.bounds(S), { startOffset: 0, endOffset: 19, lastTimestamp: T0 + 4, sealed: false });
    assert.equal((await stat(file!)).size, starts[19]);
    assert.deepEqual((await readAll(log)).map((r) => r.offset), Array.from({ length: 19 }, (_, i) => i));
    assert.deepEqual(await log.append(S, recs(100, 2), T0 + 9), { firstOffset: 19, timestamp: T0 + 9 });
    assert.deepEqual((await readAll(log)).slice(-2).map((r) => [r.offset, r.partitionKey]), [[19, 'pk-100'], [20, 'pk-101']]);
    await log.close();
  }));

test('a torn frame header (fewer than 8 bytes of an entry) is truncated', () =>
  withDir(async (dir) => {
    await populate(dir, 2, 3);
    const [file] = await segmentFiles(dir);
    const starts = await entryStarts(file!);
    await truncate(file!, starts[5]! + 3);
    const log = await openLog(dir);
    assert.equal(log.bounds(S).endOffset, 5);
    assert.equal((await stat(file!)).size, starts[5]);
    await log.close();
  }));

test('a garbage tail (random bytes after the last entry) is removed and appends continue', () =>
  withDir(async (dir) => {
    await populate(dir, 3, 5);
    const [file] = await segmentFiles(dir);
    const size = (await stat(file!)).size;
    const plausible = Buffer.alloc(64, 0x5a);
    plausible.writeUInt32LE(40, 0); // a believable length with a wrong checksum
    await appendFile(file!, Buffer.concat([plausible, Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 97) & 0xff))]));
    const log = await openLog(dir);
    assert.deepEqual(log.bounds(S), { startOffset: 0, endOffset: 15, lastTimestamp: T0 + 2, sealed: false });
    assert.equal((await stat(file!)).size, size);
    await log.append(S, recs(15, 1), T0 + 3);
    assert.deepEqual((await readAll(log)).map((r) => r.partitionKey).slice(13), ['pk-13', 'pk-14', 'pk-15']);
    await log.close();
  }));

test('a bad checksum in the middle of the last segment keeps everything before it and drops the rest', () =>
  withDir(async (dir) => {
    await populate(dir, 10, 3);
    const [file] = await segmentFiles(dir);
    const starts = await entryStarts(file!);
    const handle = await open(file!, 'r+');
    await handle.write(Buffer.from([0xff]), 0, 1, starts[12]! + FRAME + 30);
    await handle.close();
    const log = await openLog(dir);
    assert.deepEqual(log.bounds(S), { startOffset: 0, endOffset: 12, lastTimestamp: T0 + 3, sealed: false });
    const stored = await readAll(log);
    assert.deepEqual(stored.map((r) => r.partitionKey), Array.from({ length: 12 }, (_, i) => `pk-${i}`));
    assert.equal((await stat(file!)).size, starts[12]);
    assert.deepEqual(await log.append(S, recs(50, 1), T0), { firstOffset: 12, timestamp: T0 + 3 });
    await log.close();
  }));

test('an entry stored at the wrong offset ends the valid data like a bad checksum', () =>
  withDir(async (dir) => {
    await populate(dir, 1, 6);
    const [file] = await segmentFiles(dir);
    const buf = await readFile(file!);
    const starts = await entryStarts(file!);
    // Swap entries 2 and 3: each is intact but out of place.
    const a = buf.subarray(starts[2]!, starts[3]!);
    const b = buf.subarray(starts[3]!, starts[4]!);
    await writeFile(file!, Buffer.concat([buf.subarray(0, starts[2]!), b, a, buf.subarray(starts[4]!)]));
    const log = await openLog(dir);
    assert.equal(log.bounds(S).endOffset, 2);
    await log.close();
  }));

test('a sealed segment with an index is not scanned on open; corruption in it fails the read instead', () =>
  withDir(async (dir) => {
    await populate(dir, 20, 2, 256);
    const files = await segmentFiles(dir);
    assert.ok(files.length > 3);
    const handle = await open(files[1]!, 'r+');
    await handle.write(Buffer.from([0xee]), 0, 1, HEADER + FRAME + 25);
    await handle.close();
    const log = await openLog(dir, 256);
    assert.equal(log.bounds(S).endOffset, 40);
    const firstOfSecond = Number(files[1]!.slice(-24, -4));
    await assert.rejects(log.read(S, firstOfSecond, { maxRecords: 1, maxBytes: 100 }), CorruptSegmentError);
    assert.equal((await log.read(S, 0, { maxRecords: 1, maxBytes: 100 })).records[0]!.offset, 0);
    await log.close();
  }));

test('after a clean close the last segment is loaded from its saved index, not scanned', () =>
  withDir(async (dir) => {
    const log0 = await openLog(dir);
    await log0.createShard(S);
    for (let i = 0; i < 5; i++) await log0.append(S, recs(i * 4, 4), T0 + i);
    await log0.close();
    const [file] = await segmentFiles(dir);
    const starts = await entryStarts(file!);
    const handle = await open(file!, 'r+');
    await handle.write(Buffer.from([0xff]), 0, 1, starts[10]! + FRAME + 30);
    await handle.close();
    const log = await openLog(dir);
    assert.deepEqual(log.bounds(S), { startOffset: 0, endOffset: 20, lastTimestamp: T0 + 4, sealed: false });
    assert.equal((await readdir(join(dir, S))).some((n) => n.endsWith('.index')), false, 'the saved index is dropped once the segment is active again');
    await assert.rejects(log.read(S, 10, { maxRecords: 1, maxBytes: 100 }), CorruptSegmentError);
    assert.equal(await log.offsetForTimestamp(S, T0 + 3), 12);
    assert.equal((await log.append(S, recs(20, 1), T0 + 9)).firstOffset, 20);
    await log.close();
  }));

test('a missing or corrupt index file is rebuilt from its segment', () =>
  withDir(async (dir) => {
    await populate(dir, 20, 2, 256);
    const files = await segmentFiles(dir);
    const index1 = files[1]!.replace(/\.log$/, '.index');
    const index2 = files[2]!.replace(/\.log$/, '.index');
    const original1 = await readFile(index1);
    await unlink(index1);
    await writeFile(index2, Buffer.from('not an index at all, just some bytes of garbage.....'));
    await writeFile(join(dir, S, '00000000000000099999.index'), 'orphan');
    await writeFile(join(dir, S, '00000000000000000000.index.tmp'), 'leftover');
    const log = await openLog(dir, 256);
    assert.equal(log.bounds(S).endOffset, 40);
    assert.deepEqual(await readFile(index1), original1);
    assert.ok((await stat(index2)).size > 40);
    const names = await readdir(join(dir, S));
    assert.equal(names.includes('00000000000000099999.index'), false);
    assert.equal(names.includes('00000000000000000000.index.tmp'), false);
    const stored = await readAll(log);
    assert.deepEqual(stored.map((r) => r.partitionKey), Array.from({ length: 40 }, (_, i) => `pk-${i}`));
    assert.equal(await log.offsetForTimestamp(S, T0 + 7), 14);
    await log.close();
  }));

test('a torn sealed segment without index drops every later segment', () =>
  withDir(async (dir) => {
    await populate(dir, 20, 2, 256);
    const files = await segmentFiles(dir);
    await unlink(files[2]!.replace(/\.log$/, '.index'));
    const starts = await entryStarts(files[2]!);
    await truncate(files[2]!, starts[1]! + 4);
    const base = Number(files[2]!.slice(-24, -4));
    const log = await openLog(dir, 256);
    assert.equal(log.bounds(S).endOffset, base + 1);
    assert.deepEqual((await segmentFiles(dir)).length, 3);
    assert.deepEqual((await readAll(log)).map((r) => r.offset), Array.from({ length: base + 1 }, (_, i) => i));
    assert.equal((await log.append(S, recs(99, 1), T0)).firstOffset, base + 1);
    await log.close();
  }));

test('an empty or headerless last segment left by a crash during a roll is discarded', () =>
  withDir(async (dir) => {
    await populate(dir, 20, 2, 256);
    const log0 = await openLog(dir, 256);
    const end = log0.bounds(S).endOffset;
    await log0.close();
    // A crash right after creating the next segment file, before its header reached the disk.
    await writeFile(join(dir, S, `${String(end).padStart(20, '0')}.log`), Buffer.alloc(7));
    const log = await openLog(dir, 256);
    assert.deepEqual(log.bounds(S), { startOffset: 0, endOffset: 40, lastTimestamp: T0 + 19, sealed: false });
    assert.equal((await segmentFiles(dir)).some((f) => f.endsWith(`${String(end).padStart(20, '0')}.log`)), false);
    assert.equal((await log.append(S, recs(40, 1), T0 + 30)).firstOffset, 40);
    assert.equal((await readAll(log)).length, 41);
    await log.close();
  }));

test('records acknowledged before kill -9 all survive repeated crashes, and nothing partial is readable', async () => {
  await withDir(async (dir) => {
    const child = fileURLToPath(new URL('./segment-crash-child.js', import.meta.url));
    const acked: { first: number; count: number; who: string; seq: number }[] = [];
    for (let run = 0; run < 3; run++) {
      const proc = spawn(process.execPath, [child, dir, String(run)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let buffered = '';
      await new Promise<void>((resolve, reject) => {
        let lines = 0;
        proc.on('error', reject);
        proc.on('exit', () => resolve());
        proc.stdout!.on('data', (chunk: Buffer) => {
          buffered += chunk.toString();
          const complete = buffered.split('\n');
          buffered = complete.pop()!;
          for (const line of complete) {
            if (line === 'ready') continue;
            const [first, count, who, seq] = line.split(' ');
            acked.push({ first: Number(first), count: Number(count), who: who!, seq: Number(seq) });
            if (++lines === 150 + run * 100) proc.kill('SIGKILL');
          }
        });
      });
    }
    const log = new SegmentRecordLog({ dir, segmentBytes: 16 * 1024, indexIntervalBytes: 512 });
    await log.open();
    const shard = 'crash/shardId-000000000000';
    const stored = (await log.read(shard, 0, { maxRecords: 1_000_000, maxBytes: 1 << 30 })).records;
    assert.deepEqual(stored.map((r) => r.offset), stored.map((_, i) => i));
    for (const r of stored) assert.ok(payloadFor(r.partitionKey).equals(r.data), `record ${r.offset} is intact`);
    assert.ok(acked.length >= 450);
    for (const a of acked) {
      for (let j = 0; j < a.count; j++) {
        const r = stored[a.first + j];
        assert.equal(r?.partitionKey, `${a.who}-${a.seq}-${j}`, `acknowledged record at offset ${a.first + j}`);
      }
    }
    await log.close();
  });
});
