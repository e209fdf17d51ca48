import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEGMENT_HEADER_BYTES, decodeSegmentHeader, encodeSegmentHeader } from './segment-header.js';

test('a segment header round-trips with and without a previous timestamp', () => {
  const a = encodeSegmentHeader({ baseOffset: 123_456_789_012, previousTimestamp: 1_700_000_000_000 });
  assert.equal(a.length, SEGMENT_HEADER_BYTES);
  assert.deepEqual(decodeSegmentHeader(a), { baseOffset: 123_456_789_012, previousTimestamp: 1_700_000_000_000 });
  assert.deepEqual(decodeSegmentHeader(encodeSegmentHeader({ baseOffset: 0, previousTimestamp: undefined })), { baseOffset: 0, previousTimestamp: undefined });
});

test('a short, zeroed or altered header is rejected', () => {
  const good = encodeSegmentHeader({ baseOffset: 7, previousTimestamp: 5 });
  assert.equal(decodeSegmentHeader(good.subarray(0, 31)), undefined);
  assert.equal(decodeSegmentHeader(Buffer.alloc(32)), undefined);
  const altered = Buffer.from(good);
  altered[9]! ^= 1;
  assert.equal(decodeSegmentHeader(altered), undefined);
});
