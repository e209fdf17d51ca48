import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, truncate, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readIndexFile, readIndexSummary, writeIndexFile } from './index-file.js';
import { SparseIndex } from './sparse-index.js';

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'index-file-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function sample(): SparseIndex {
  const index = new SparseIndex(64);
  for (let i = 0; i < 50; i++) index.add(i * 2, 32 + i * 100, 1_700_000_000_000 + i);
  return index;
}

test('an index file round-trips its summary and entries, leaving no temp file', () =>
  withDir(async (dir) => {
    const path = join(dir, '00000000000000000010.index');
    const summary = await writeIndexFile(path, sample(), { baseOffset: 10, recordCount: 100, segmentBytes: 5032, firstTimestamp: 1_700_000_000_000, lastTimestamp: 1_700_000_000_049 }, true);
    assert.deepEqual(await readdir(dir), ['00000000000000000010.index']);
    const read = await readIndexSummary(path);
    assert.deepEqual(read, summary);
    assert.deepEqual({ ...read, entriesCrc: 0 }, { entryCount: 50, baseOffset: 10, recordCount: 100, segmentBytes: 5032, firstTimestamp: 1_700_000_000_000, lastTimestamp: 1_700_000_000_049, entriesCrc: 0 });
    const index = await readIndexFile(path, read!, 64);
    assert.deepEqual(index!.toBuffer(), sample().toBuffer());
  }));

test('a missing, truncated or altered index file reads as absent', () =>
  withDir(async (dir) => {
    const path = join(dir, 'x.index');
    assert.equal(await readIndexSummary(path), undefined);
    const summary = await writeIndexFile(path, sample(), { baseOffset: 0, recordCount: 100, segmentBytes: 5032, firstTimestamp: 1, lastTimestamp: 2 }, false);
    const bytes = await readFile(path);
    const altered = Buffer.from(bytes);
    altered[5]! ^= 1; // inside the entries: footer still valid, entries checksum fails
    await writeFile(path, altered);
    assert.deepEqual(await readIndexSummary(path), summary);
    assert.equal(await readIndexFile(path, summary, 64), undefined);
    const footer = Buffer.from(bytes);
    footer[footer.length - 30]! ^= 1;
    await writeFile(path, footer);
    assert.equal(await readIndexSummary(path), undefined);
    await writeFile(path, bytes);
    await truncate(path, bytes.length - 16);
    assert.equal(await readIndexSummary(path), undefined);
  }));
