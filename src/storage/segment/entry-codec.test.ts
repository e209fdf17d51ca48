import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FRAME_BYTES, FIXED_PAYLOAD_BYTES, decodeEntry, encodeBatch, entryChecksumOk, entrySizeAt, readEntryHeader } from './entry-codec.js';

test('a batch encodes into consecutive entries that decode back exactly', () => {
  const batch = encodeBatch(
    [
      { partitionKey: 'a', data: Buffer.from('one') },
      { partitionKey: 'ключ', data: Buffer.alloc(0), explicitHashKey: '12345' },
      { partitionKey: '', data: Buffer.from([0, 1, 2]) },
    ],
    5_000_000_000,
    1_700_000_000_123,
  );
  assert.deepEqual([...batch.entryEnds], [31, 31 + 8 + 19 + 8 + 5, 31 + 40 + 30]);
  assert.equal(batch.buffer.length, batch.entryEnds[2]);
  let pos = 0;
  const decoded = [];
  for (const end of batch.entryEnds) {
    assert.equal(entrySizeAt(batch.buffer, pos, batch.buffer.length), end - pos);
    assert.equal(entryChecksumOk(batch.buffer, pos, end - pos), true);
    decoded.push(decodeEntry(batch.buffer, pos, end - pos));
    pos = end;
  }
  assert.deepEqual(decoded.map((r) => ({ ...r, data: [...r.data] })), [
    { offset: 5_000_000_000, timestamp: 1_700_000_000_123, partitionKey: 'a', data: [...Buffer.from('one')] },
    { offset: 5_000_000_001, timestamp: 1_700_000_000_123, partitionKey: 'ключ', data: [], explicitHashKey: '12345' },
    { offset: 5_000_000_002, timestamp: 1_700_000_000_123, partitionKey: '', data: [0, 1, 2] },
  ]);
  assert.deepEqual(readEntryHeader(batch.buffer, 31, 40), { offset: 5_000_000_001, timestamp: 1_700_000_000_123, size: 40 });
});

test('decoded data is a view into the read buffer, not a copy', () => {
  const batch = encodeBatch([{ partitionKey: 'k', data: Buffer.from('abc') }], 0, 0);
  const record = decodeEntry(batch.buffer, 0, batch.buffer.length);
  assert.equal(record.data.buffer, batch.buffer.buffer);
});

test('impossible lengths and short frames are recognised', () => {
  const buf = Buffer.alloc(16);
  assert.equal(entrySizeAt(buf, 0, 7), 0);
  buf.writeUInt32LE(FIXED_PAYLOAD_BYTES - 1, 0);
  assert.equal(entrySizeAt(buf, 0, 16), -1);
  buf.writeUInt32LE(0xffffffff, 0);
  assert.equal(entrySizeAt(buf, 0, 16), -1);
  buf.writeUInt32LE(FIXED_PAYLOAD_BYTES, 0);
  assert.equal(entrySizeAt(buf, 0, 16), FRAME_BYTES + FIXED_PAYLOAD_BYTES);
});

test('a flipped bit anywhere in the payload fails the checksum', () => {
  const batch = encodeBatch([{ partitionKey: 'key', data: Buffer.from('payload bytes') }], 3, 99);
  const size = batch.buffer.length;
  for (let i = FRAME_BYTES; i < size; i++) {
    const copy = Buffer.from(batch.buffer);
    copy[i]! ^= 0x10;
    assert.equal(entryChecksumOk(copy, 0, size), false, `byte ${i}`);
  }
});

test('over-long keys and over-large records are refused before anything is encoded', () => {
  assert.throws(() => encodeBatch([{ partitionKey: 'x', data: Buffer.alloc(64 * 1024 * 1024) }], 0, 0), RangeError);
  assert.throws(() => encodeBatch([{ partitionKey: 'x'.repeat(70_000), data: Buffer.alloc(1) }], 0, 0), RangeError);
  assert.throws(() => encodeBatch([{ partitionKey: 'x', explicitHashKey: '9'.repeat(256), data: Buffer.alloc(1) }], 0, 0), RangeError);
});
