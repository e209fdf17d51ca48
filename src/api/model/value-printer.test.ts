import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { javaHash, printValue, type PrintShape } from './value-printer.js';

const str: PrintShape = { kind: 'scalar', type: 'string' };
const blob: PrintShape = { kind: 'scalar', type: 'blob' };
const entry: PrintShape = {
  kind: 'structure',
  className: 'com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry',
  members: new Map([
    ['PartitionKey', str],
    ['ExplicitHashKey', str],
    ['Data', blob],
  ]),
};

describe('printValue', () => {
  test('prints scalars, blobs, lists and maps as AWS does', () => {
    assert.equal(printValue('abc', str), 'abc');
    assert.equal(printValue(0, { kind: 'scalar', type: 'integer' }), '0');
    assert.equal(printValue(2, { kind: 'scalar', type: 'double' }), '2.0');
    assert.equal(printValue(Buffer.alloc(3), blob), 'java.nio.HeapByteBuffer[pos=0 lim=3 cap=3]');
    assert.equal(printValue(['a', ''], { kind: 'list', member: str }), '[a, ]');
    assert.equal(printValue({ k: 'v', x: 'y' }, { kind: 'map', value: str }), '{k=v, x=y}');
    assert.equal(printValue(null, str), 'null');
  });

  test('prints structures as class@hashCode, matching AWS for an empty entry', () => {
    assert.equal(printValue({ PartitionKey: '', Data: Buffer.alloc(0) }, entry), 'com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@2');
  });
});

describe('javaHash', () => {
  test('follows Java hashCode for strings, booleans, numbers and byte buffers', () => {
    assert.equal(javaHash('hello', str), 99162322);
    assert.equal(javaHash(true, { kind: 'scalar', type: 'boolean' }), 1231);
    assert.equal(javaHash(7, { kind: 'scalar', type: 'integer' }), 7);
    assert.equal(javaHash(2 ** 32 + 1, { kind: 'scalar', type: 'long' }), 0);
    // ByteBuffer.hashCode: h = 31*h + b from the last byte back, signed bytes.
    assert.equal(javaHash(Buffer.from([1, 0xff]), blob), 31 * (31 * 1 + -1) + 1);
  });
});
