import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCbor, encodeCbor } from './cbor-codec.js';
import { AwsError } from '../errors/aws-error.js';

/** CBOR text string header + bytes (short strings only). */
function text(s: string): string {
  const bytes = Buffer.from(s, 'utf8');
  assert.ok(bytes.length < 24);
  return (0x60 + bytes.length).toString(16) + bytes.toString('hex');
}

describe('decodeCbor', () => {
  test('reads what the Java SDK v2 sends: indefinite maps, byte strings, tag 1 epoch millis', () => {
    // {_ "StreamName": "s", "Data": h'010203', "Timestamp": 1(1700000000123), "Records": [_ {_ "PartitionKey": "p"}]}
    const hex =
      'bf' +
      text('StreamName') + text('s') +
      text('Data') + '43010203' +
      text('Timestamp') + 'c11b' + (1_700_000_000_123).toString(16).padStart(16, '0') +
      text('Records') + '9f' + 'bf' + text('PartitionKey') + text('p') + 'ff' + 'ff' +
      'ff';
    const value = decodeCbor(Buffer.from(hex, 'hex')) as Record<string, unknown>;
    assert.equal(value.StreamName, 's');
    assert.ok(Buffer.isBuffer(value.Data));
    assert.deepEqual([...(value.Data as Buffer)], [1, 2, 3]);
    assert.ok(value.Timestamp instanceof Date);
    assert.equal((value.Timestamp as Date).getTime(), 1_700_000_000_123);
    assert.deepEqual(value.Records, [{ PartitionKey: 'p' }]);
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
  });

  for (const [name, hex] of [
    ['an empty body', ''],
    ['truncated CBOR', 'bf6141'],
    ['trailing bytes', 'a0ff'],
    ['a top-level number', '01'],
    ['a top-level string', '6161'],
    ['null', 'f6'],
  ] as const) {
    test(`answers SerializationException without a message for ${name}`, () => {
      assert.throws(
        () => decodeCbor(Buffer.from(hex, 'hex')),
        (err: unknown) => err instanceof AwsError && err.type === 'SerializationException' && !err.hasMessage,
      );
    });
  }
});

describe('encodeCbor', () => {
  test('writes blobs as byte strings, dates as tag 1 epoch millis, plain definite maps', () => {
    const out = encodeCbor({ D: Buffer.from([1, 2]), T: new Date(1_700_000_000_123), U: undefined });
    assert.equal(
      out.toString('hex'),
      'a2' + text('D') + '420102' + text('T') + 'c11b' + (1_700_000_000_123).toString(16).padStart(16, '0'),
    );
  });

  test('omits undefined members without touching the input', () => {
    const input = { A: 1, B: undefined, C: [{ X: undefined, Y: 'y' }] };
    assert.deepEqual(decodeCbor(encodeCbor(input)), { A: 1, C: [{ Y: 'y' }] });
    assert.ok('B' in input);
  });

  test('round-trips an error body and a GetRecords-like output', () => {
    const value = {
      Records: [{ Data: Buffer.from('x'), ApproximateArrivalTimestamp: new Date(1_700_000_000_001), SequenceNumber: '1' }],
      MillisBehindLatest: 0,
    };
    assert.deepEqual(decodeCbor(encodeCbor(value)), value);
    assert.deepEqual(decodeCbor(encodeCbor({ __type: 'ValidationException', message: 'm' })), {
      __type: 'ValidationException',
      message: 'm',
    });
  });
});

describe('encodeCbor integers', () => {
  test('writes integers past 32 bits as CBOR integers, never floats', () => {
    assert.equal(encodeCbor({ N: 2 ** 40 }).toString('hex'), 'a1' + text('N') + '1b0000010000000000');
    assert.equal(encodeCbor({ N: -(2 ** 40) }).toString('hex'), 'a1' + text('N') + '3b000000ffffffffff');
    assert.equal(encodeCbor({ N: 1.5 }).toString('hex'), 'a1' + text('N') + 'fb3ff8000000000000');
    assert.deepEqual(decodeCbor(encodeCbor({ N: 2 ** 40 })), { N: 2 ** 40 });
  });
});
