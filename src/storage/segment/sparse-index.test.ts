import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SparseIndex } from './sparse-index.js';

test('observe indexes the first entry and then one entry per interval of bytes', () => {
  const index = new SparseIndex(100, 1);
  let pos = 32;
  for (let rel = 0; rel < 10; rel++) {
    index.observe(rel, pos, 1000 + rel, 40);
    pos += 40;
  }
  // bytes since last entry reach 120 >= 100 after 3 entries: entries at rel 0, 3, 6, 9
  assert.equal(index.length, 4);
  assert.deepEqual(index.floorOffset(0), { relativeOffset: 0, position: 32 });
  assert.deepEqual(index.floorOffset(5), { relativeOffset: 3, position: 152 });
  assert.deepEqual(index.floorOffset(6), { relativeOffset: 6, position: 272 });
  assert.deepEqual(index.floorOffset(1000), { relativeOffset: 9, position: 392 });
  assert.equal(index.floorOffset(-1), undefined);
});

test('lastBefore finds the last entry strictly older than a time', () => {
  const index = new SparseIndex(1);
  index.add(0, 32, 10);
  index.add(4, 100, 20);
  index.add(8, 200, 20);
  index.add(12, 300, 30);
  assert.equal(index.lastBefore(10), undefined);
  assert.deepEqual(index.lastBefore(11), { relativeOffset: 0, position: 32 });
  assert.deepEqual(index.lastBefore(20), { relativeOffset: 0, position: 32 });
  assert.deepEqual(index.lastBefore(21), { relativeOffset: 8, position: 200 });
  assert.deepEqual(index.lastBefore(1e15), { relativeOffset: 12, position: 300 });
});

test('an empty index finds nothing', () => {
  const index = new SparseIndex(10);
  assert.equal(index.floorOffset(5), undefined);
  assert.equal(index.lastBefore(5), undefined);
  assert.equal(index.toBuffer().length, 0);
});

test('toBuffer and fromBuffer round-trip large timestamps and many entries', () => {
  const index = new SparseIndex(1, 2);
  for (let i = 0; i < 1000; i++) index.add(i * 3, 32 + i * 77, 1_700_000_000_000 + i);
  const copy = SparseIndex.fromBuffer(index.toBuffer(), 1);
  assert.equal(copy.length, 1000);
  assert.deepEqual(copy.toBuffer(), index.toBuffer());
  assert.deepEqual(copy.floorOffset(1500), { relativeOffset: 1500, position: 32 + 500 * 77 });
  assert.deepEqual(copy.lastBefore(1_700_000_000_010), { relativeOffset: 27, position: 32 + 9 * 77 });
});
