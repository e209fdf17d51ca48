import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJson, encodeJson } from './json-codec.js';
import { AwsError } from '../errors/aws-error.js';
import { errorMessageKey } from '../errors/common-errors.js';

function serializationError(body: Buffer): AwsError {
  try {
    decodeJson(body);
  } catch (err) {
    assert.ok(err instanceof AwsError);
    return err;
  }
  assert.fail('expected SerializationException');
}

describe('decodeJson', () => {
  test('parses an object and leaves arrays for the validator', () => {
    assert.deepEqual(decodeJson(Buffer.from('{"StreamName":"a","N":1}')), { StreamName: 'a', N: 1 });
    assert.deepEqual(decodeJson(Buffer.from('[]')), []);
  });

  test('accepts a UTF-8 byte order mark', () => {
    assert.deepEqual(decodeJson(Buffer.from('\ufeff{"a":"é"}')), { a: 'é' });
  });

  for (const [name, body] of [
    ['an empty body', ''],
    ['malformed JSON', '{"a":'],
    ['a number', '123'],
    ['a string', '"x"'],
    ['null', 'null'],
    ['true', 'true'],
  ] as const) {
    test(`answers SerializationException without a message for ${name}`, () => {
      const err = serializationError(Buffer.from(body));
      assert.equal(err.type, 'SerializationException');
      assert.equal(err.statusCode, 400);
      assert.equal(err.hasMessage, false);
      assert.equal(errorMessageKey(err), 'Message');
    });
  }

  test('answers SerializationException for invalid UTF-8', () => {
    const err = serializationError(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    assert.equal(err.type, 'SerializationException');
    assert.equal(err.hasMessage, false);
  });
});

describe('encodeJson', () => {
  test('writes blobs as base64, dates as epoch seconds with milliseconds, and omits undefined', () => {
    const body = encodeJson({
      Data: Buffer.from('hello'),
      View: new Uint8Array([1, 2, 3]),
      At: new Date(1_700_000_000_123),
      Whole: new Date(1_700_000_000_000),
      Missing: undefined,
      List: [1, 'x', null, undefined, true],
      Nested: { A: 'quote"d', B: undefined },
    });
    assert.equal(
      body.toString('utf8'),
      '{"Data":"aGVsbG8=","View":"AQID","At":1700000000.123,"Whole":1700000000,' +
        '"List":[1,"x",null,null,true],"Nested":{"A":"quote\\"d"}}',
    );
  });

  test('round-trips through decodeJson', () => {
    const value = { StreamName: 'a', Records: [{ SequenceNumber: '1', Count: 3 }], Flag: false };
    assert.deepEqual(decodeJson(encodeJson(value)), value);
  });
});
