import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatSequenceNumber,
  isShardStart,
  parseSequenceNumber,
  SequenceNumberFormatter,
  startingSequenceNumber,
} from './sequence-number.js';

const created = 1_700_000_000_123;

describe('sequence numbers', () => {
  test('are 56 digits starting with 49, shaped like AWS sequence numbers', () => {
    const seq = formatSequenceNumber({ shardIndex: 3, shardCreatedAt: created, offset: 42, timestamp: created + 5 });
    assert.match(seq, /^49\d{54}$/);
    assert.equal(seq.length, 56);
    assert.match(seq, /^0|([1-9]\d{0,128})$/);
  });

  test('parse returns exactly what was formatted', () => {
    for (const parts of [
      { shardIndex: 0, shardCreatedAt: created, offset: 0, timestamp: created },
      { shardIndex: 2_147_483_647, shardCreatedAt: created, offset: Number.MAX_SAFE_INTEGER, timestamp: 9_999_999_999_999 },
      { shardIndex: 17, shardCreatedAt: 0, offset: 123_456_789, timestamp: 1_800_000_000_000 },
    ]) {
      assert.deepEqual(parseSequenceNumber(formatSequenceNumber(parts)), parts);
    }
  });

  test('strictly increase with offset within a shard, even when timestamps repeat or fall back', () => {
    const formatter = new SequenceNumberFormatter(5, created);
    let previous = 0n;
    for (let offset = 0; offset < 2000; offset++) {
      const timestamp = created + Math.floor(offset / 7) - (offset % 3 === 0 ? 1 : 0);
      const seq = formatter.format(offset, timestamp);
      assert.ok(BigInt(seq) > previous, `offset ${offset}`);
      previous = BigInt(seq);
    }
    assert.ok(BigInt(formatter.format(10_000_000_000, created)) > BigInt(formatter.format(9_999_999_999, created + 50)));
  });

  test('the formatter agrees with the one-shot formatter', () => {
    const formatter = new SequenceNumberFormatter(9, created);
    for (const [offset, timestamp] of [[0, created], [1, created], [99, created + 1], [1_000_001, created + 1]] as const) {
      assert.equal(formatter.format(offset, timestamp), formatSequenceNumber({ shardIndex: 9, shardCreatedAt: created, offset, timestamp }));
    }
  });

  test('the formatter matches the digit layout, across high-digit boundaries and timestamp changes', () => {
    const reference = (shard: number, offset: number, timestamp: number): string => {
      const body = '491' + String(created).padStart(13, '0') + String(shard).padStart(10, '0') + String(offset).padStart(16, '0') + String(timestamp).padStart(13, '0');
      let sum = 0;
      for (let i = 0; i < body.length; i++) sum += (body.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
      return body + String(((10 - (sum % 10)) * 7) % 10);
    };
    const formatter = new SequenceNumberFormatter(7, created);
    const offsets = [0, 1, 9_999, 10_000, 10_001, 19_999, 20_000, 123_456_789, 99_999_999_999, Number.MAX_SAFE_INTEGER];
    for (const start of offsets) {
      for (let offset = Math.max(0, start - 3); offset <= Math.min(Number.MAX_SAFE_INTEGER, start + 3); offset++) {
        for (const timestamp of [created, created, created + 1, 9_999_999_999_999]) {
          const seq = formatter.format(offset, timestamp);
          assert.equal(seq, reference(7, offset, timestamp), `offset ${offset} timestamp ${timestamp}`);
          assert.deepEqual(parseSequenceNumber(seq), { shardIndex: 7, shardCreatedAt: created, offset, timestamp });
        }
      }
    }
  });

  test('detects malformed and altered sequence numbers', () => {
    const seq = formatSequenceNumber({ shardIndex: 1, shardCreatedAt: created, offset: 77, timestamp: created + 9 });
    assert.equal(parseSequenceNumber(seq.slice(0, 55)), undefined);
    assert.equal(parseSequenceNumber(`${seq}0`), undefined);
    assert.equal(parseSequenceNumber('49546986683135544286507457936321625675700192471156785154'), undefined);
    assert.equal(parseSequenceNumber('0'), undefined);
    assert.equal(parseSequenceNumber(`${seq.slice(0, 55)}x`), undefined);
    for (let i = 3; i < 56; i++) {
      const digit = Number(seq[i]);
      const altered = `${seq.slice(0, i)}${(digit + 1) % 10}${seq.slice(i + 1)}`;
      assert.equal(parseSequenceNumber(altered), undefined, `digit ${i} altered`);
    }
  });

  test("a shard's StartingSequenceNumber is the offset-0 position before its first record", () => {
    const start = startingSequenceNumber({ index: 4, createdAt: created });
    const parts = parseSequenceNumber(start)!;
    assert.deepEqual(parts, { shardIndex: 4, shardCreatedAt: created, offset: 0, timestamp: 0 });
    assert.equal(isShardStart(parts), true);
    const first = new SequenceNumberFormatter(4, created).format(0, created);
    assert.equal(isShardStart(parseSequenceNumber(first)!), false);
    assert.ok(BigInt(start) < BigInt(first));
  });
});
