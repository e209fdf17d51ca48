import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { decodeData, putCommand } from './record-decoding.js';
import { FunctionLogRing } from './function-log-ring.js';

describe('decodeData', () => {
  test('JSON text is pretty-printed; plain text stays text; invalid UTF-8 is binary', () => {
    assert.deepEqual(decodeData(Buffer.from('[1,{"a":"b"}]')), { base64: 'WzEseyJhIjoiYiJ9XQ==', size: 13, utf8: '[1,{"a":"b"}]', json: '[\n  1,\n  {\n    "a": "b"\n  }\n]', gzip: null, kind: 'json' });
    assert.deepEqual(decodeData(Buffer.from('héllo')), { base64: 'aMOpbGxv', size: 6, utf8: 'héllo', json: null, gzip: null, kind: 'text' });
    assert.deepEqual(decodeData(Buffer.from('{not json')), { base64: 'e25vdCBqc29u', size: 9, utf8: '{not json', json: null, gzip: null, kind: 'text' });
    assert.deepEqual(decodeData(Buffer.from([0xc3, 0x28])), { base64: 'wyg=', size: 2, utf8: null, json: null, gzip: null, kind: 'binary' });
  });

  test('gzip data is decompressed (JSON or text)', () => {
    const json = decodeData(gzipSync('{"x":1}'));
    assert.equal(json.kind, 'gzip-json');
    assert.deepEqual(json.gzip, { utf8: '{"x":1}', json: '{\n  "x": 1\n}' });
    assert.equal(json.utf8, null);
    const text = decodeData(gzipSync('line one'));
    assert.equal(text.kind, 'gzip-text');
    assert.deepEqual(text.gzip, { utf8: 'line one', json: null });
    const broken = Buffer.concat([gzipSync('abc').subarray(0, 12), Buffer.alloc(8)]);
    assert.equal(decodeData(broken).gzip, null);
  });

  test('putCommand quotes for a POSIX shell and carries the explicit hash key', () => {
    assert.equal(
      putCommand({ streamName: 'a b', partitionKey: "it's", data: Buffer.from('hi'), explicitHashKey: '42', region: 'eu-west-1' }),
      "aws kinesis put-record --stream-name 'a b' --partition-key 'it'\\''s' --data 'aGk=' --explicit-hash-key 42 --cli-binary-format base64 --region eu-west-1",
    );
  });
});

describe('FunctionLogRing', () => {
  test('keeps the newest lines per function and drops the least recently logged function beyond the cap', () => {
    const ring = new FunctionLogRing({ now: () => 5, linesPerFunction: 2, maxFunctions: 2 });
    for (const [fn, msg] of [['a', '1'], ['a', '2'], ['a', '3'], ['b', 'x'], ['a', '4'], ['c', 'y']] as const) {
      ring.add(fn, { timeMs: 5, requestId: null, level: 'INFO', message: msg });
    }
    assert.deepEqual(ring.lines('a').map((l) => l.message), ['3', '4']);
    assert.deepEqual(ring.lines('b'), []);
    assert.deepEqual(ring.lines('c').map((l) => l.message), ['y']);
    ring.add('c', { timeMs: 5, requestId: null, level: 'INFO', message: 'z'.repeat(5000) });
    assert.equal(ring.lines('c')[1]!.message.length, 4097);
  });
});
