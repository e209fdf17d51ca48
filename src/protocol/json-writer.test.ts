import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { writeJson } from './json-writer.js';

/** What the writer must produce: JSON.stringify with blobs as base64 and dates as epoch seconds. */
function reference(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, replaced: unknown) {
    const original = this[key];
    if (original instanceof Uint8Array) return Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString('base64');
    if (original instanceof Date) return original.getTime() / 1000;
    return replaced;
  });
}

function assertSameAsReference(value: unknown): void {
  const out = writeJson(value);
  assert.equal(out.toString('utf8'), reference(value));
  assert.equal(out.length, Buffer.byteLength(reference(value), 'utf8'));
}

const TRICKY_STRINGS = [
  '',
  'plain',
  'quo"te',
  'back\\slash',
  'control \n\t\r\b\f \u0000 \u001f',
  'delete \u007f',
  'latin é ü',
  '日本語',
  'emoji 😀',
  'lone high \ud800 and low \udc00',
  '</script>',
];

describe('writeJson', () => {
  test('escapes every string exactly as JSON.stringify does, short and long, as values and keys', () => {
    for (const s of TRICKY_STRINGS) {
      const long = s + 'x'.repeat(100) + s;
      assertSameAsReference({ [s]: s, [long]: long, List: [s, long] });
    }
  });

  test('writes plain strings correctly after an escaped one switched off the unchecked copy', () => {
    assertSameAsReference({ A: 'a"b', B: 'plain', C: ['x', 'y\n', 'z'], D: 'é' });
  });

  test('writes numbers, booleans and null like JSON.stringify, and non-finite numbers as null', () => {
    assertSameAsReference({ A: 0, B: -0, C: 1.5, D: 1e21, E: -1e-7, F: Number.MAX_SAFE_INTEGER, G: NaN, H: Infinity, I: true, J: false, K: null });
  });

  test('writes bigints as bare integers', () => {
    assert.equal(writeJson({ N: 12345678901234567890n }).toString(), '{"N":12345678901234567890}');
  });

  test('writes blobs as padded base64, including empty blobs and views into larger buffers', () => {
    const backing = Buffer.from('0123456789abcdef');
    const value = {
      Empty: Buffer.alloc(0),
      One: Buffer.from([0xff]),
      Two: Buffer.from([0xff, 0xfe]),
      Three: Buffer.from([0xff, 0xfe, 0xfd]),
      Slice: backing.subarray(3, 8),
      View: new Uint8Array(backing.buffer, backing.byteOffset + 5, 4),
      List: [Buffer.from('hello'), new Uint8Array(0)],
    };
    assertSameAsReference(value);
    assert.equal(writeJson({ Two: Buffer.from([0xff, 0xfe]) }).toString(), '{"Two":"//4="}');
  });

  test('writes dates as epoch seconds with a millisecond fraction, and an invalid date as null', () => {
    const a = new Date(1_700_000_000_123);
    const b = new Date(1_700_000_000_000);
    const value = { A: a, B: b, C: a, D: new Date(Number.NaN), E: new Date(Number.NaN), F: [b, a, b], G: new Date(-1500) };
    assert.equal(
      writeJson(value).toString(),
      '{"A":1700000000.123,"B":1700000000,"C":1700000000.123,"D":null,"E":null,"F":[1700000000,1700000000.123,1700000000],"G":-1.5}',
    );
  });

  test('omits undefined, functions and symbols from objects and writes them as null in arrays', () => {
    const value = { A: undefined, B: () => 1, C: Symbol('c'), D: [undefined, () => 1, Symbol('d'), 1], E: {}, F: [] };
    assertSameAsReference(value);
    assert.equal(writeJson(value).toString(), '{"D":[null,null,null,1],"E":{},"F":[]}');
  });

  test('writes null for a top-level undefined', () => {
    assert.equal(writeJson(undefined).toString(), 'null');
  });

  test('writes objects with more distinct keys than it caches', () => {
    const value: Record<string, number> = {};
    for (let i = 0; i < 3000; i++) value[`Key${i}`] = i;
    assertSameAsReference(value);
    assertSameAsReference({ Late: value, 'Key"Quoted': 1 });
  });

  test('writes a GetRecords-shaped output of a thousand records byte for byte', () => {
    const records = Array.from({ length: 1000 }, (_, i) => ({
      SequenceNumber: `4910000000000000000000000000${String(i).padStart(28, '0')}`,
      ApproximateArrivalTimestamp: new Date(1_763_887_200_123 + Math.floor(i / 100)),
      Data: Buffer.alloc(i % 7 === 0 ? 0 : 1000 + (i % 3), i),
      PartitionKey: i % 50 === 0 ? `key "${i}" é` : `key-${i}`,
      EncryptionType: i % 2 === 0 ? undefined : 'KMS',
    }));
    assertSameAsReference({ Records: records, NextShardIterator: 'AAAA/+==', MillisBehindLatest: 0 });
  });
});
