import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32c, crc32cImplementation } from './crc32c.js';
import { crc32cTable } from './crc32c-table.js';

function bitwise(buf: Uint8Array): number {
  let crc = ~0;
  for (const b of buf) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return ~crc >>> 0;
}

for (const [name, fn] of [
  ['crc32c', crc32c],
  ['crc32cTable', crc32cTable],
] as const) {
  test(`${name} matches the standard check values`, () => {
    assert.equal(fn(Buffer.from('123456789')), 0xe3069283);
    assert.equal(fn(Buffer.alloc(0)), 0);
    assert.equal(fn(Buffer.alloc(32, 0)), 0x8a9136aa);
    assert.equal(fn(Buffer.alloc(32, 0xff)), 0x62a8ab43);
  });

  test(`${name} of any sub-range, short or long, equals a bit-by-bit reference`, () => {
    const buf = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 131 + 7) & 0xff));
    const ranges = [[0, 3000], [1, 2], [3, 20], [5, 13], [7, 299], [100, 100], [1, 1025], [3, 130], [2000, 2128], [2999, 3000]] as const;
    for (const [start, end] of ranges) {
      assert.equal(fn(buf, start, end), bitwise(buf.subarray(start, end)), `range ${start}..${end}`);
      const view = buf.subarray(1, 2999);
      if (end <= 2998) assert.equal(fn(view, start, end), bitwise(view.subarray(start, end)), `view range ${start}..${end}`);
    }
  });

  test(`${name} continues from a seed across split buffers`, () => {
    const buf = Buffer.from('the quick brown fox jumps over the lazy dog '.repeat(20));
    for (const split of [17, 200, 700]) assert.equal(fn(buf, split, buf.length, fn(buf, 0, split)), fn(buf));
  });
}

test('crc32c uses the native implementation on linux-x64 (where @node-rs/crc32 ships a binary)', (t) => {
  if (process.platform !== 'linux' || process.arch !== 'x64') return t.skip('no prebuilt binary expected here');
  assert.equal(crc32cImplementation, 'native');
});
