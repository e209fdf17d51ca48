import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readUInt32LE, readUInt64LE, writeUInt64LE } from './uint64.js';

test('u64 fields round-trip every safe integer range, little-endian', () => {
  const buf = Buffer.alloc(8);
  for (const v of [0, 1, 0xffffffff, 0x100000000, 1_700_000_000_123, Number.MAX_SAFE_INTEGER]) {
    writeUInt64LE(buf, 0, v);
    assert.equal(readUInt64LE(buf, 0), v);
    assert.equal(buf.readBigUInt64LE(0), BigInt(v));
  }
  assert.equal(readUInt32LE(Buffer.from([0xff, 0xff, 0xff, 0xff]), 0), 0xffffffff);
});
