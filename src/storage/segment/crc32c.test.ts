import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32c } from './crc32c.js';

function bitwise(buf: Uint8Array): number {
  let crc = ~0;
  for (const b of buf) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return ~crc >>> 0;
}

test('crc32c matches the standard check values', () => {
  assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
  assert.equal(crc32c(Buffer.alloc(0)), 0);
  assert.equal(crc32c(Buffer.alloc(32, 0)), 0x8a9136aa);
  assert.equal(crc32c(Buffer.alloc(32, 0xff)), 0x62a8ab43);
});

test('crc32c of any sub-range equals a bit-by-bit reference', () => {
  const buf = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 0xff));
  for (const [start, end] of [[0, 300], [1, 2], [3, 20], [5, 13], [7, 299], [100, 100]] as const) {
    assert.equal(crc32c(buf, start, end), bitwise(buf.subarray(start, end)), `range ${start}..${end}`);
  }
});

test('crc32c continues from a seed across split buffers', () => {
  const buf = Buffer.from('the quick brown fox jumps over the lazy dog');
  assert.equal(crc32c(buf, 17, buf.length, crc32c(buf, 0, 17)), crc32c(buf));
});
