import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { FilterPatternError } from './filter-pattern.js';
import { recordFilter, type RecordMeta } from './record-filter.js';

const META: RecordMeta = {
  partitionKey: 'pk-1',
  sequenceNumber: '49590338271490256608559692538361571095921575989136588898',
  approximateArrivalTimestamp: 1545084650987,
};

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

describe('recordFilter', () => {
  test('no patterns keep every record, JSON or not', () => {
    const keep = recordFilter([]);
    assert.equal(keep(Buffer.from('hello'), META), true);
    assert.equal(keep(Buffer.from([0xff, 0xfe]), META), true);
  });

  test('filters on the parsed record data', () => {
    const keep = recordFilter(['{"data":{"event_type":["function_1"]}}']);
    assert.equal(keep(json({ event_type: 'function_1' }), META), true);
    assert.equal(keep(json({ event_type: 'function_2' }), META), false);
    assert.equal(keep(json({ other: 'function_1' }), META), false);
  });

  test('a record is kept when any pattern matches', () => {
    const keep = recordFilter(['{"data":{"t":["a"]}}', '{"data":{"t":["b"]}}']);
    assert.equal(keep(json({ t: 'a' }), META), true);
    assert.equal(keep(json({ t: 'b' }), META), true);
    assert.equal(keep(json({ t: 'c' }), META), false);
  });

  test('non-JSON data is dropped by a pattern with a data part, even exists:false', () => {
    for (const pattern of ['{"data":{"t":["a"]}}', '{"data":{"t":[{"exists":false}]}}', '{"data":{}}']) {
      const keep = recordFilter([pattern]);
      assert.equal(keep(Buffer.from('hello'), META), false, pattern);
      assert.equal(keep(Buffer.from('{"t":'), META), false, pattern);
      assert.equal(keep(Buffer.from([0x7b, 0x7d, 0xff]), META), false, `${pattern} on invalid UTF-8`);
      assert.equal(keep(Buffer.alloc(0), META), false, `${pattern} on empty data`);
    }
  });

  test('a data part with exists:false keeps JSON records without the field', () => {
    const keep = recordFilter(['{"data":{"t":[{"exists":false}]}}']);
    assert.equal(keep(json({ u: 1 }), META), true);
    assert.equal(keep(json({ t: 1 }), META), false);
  });

  test('a data part inside a top-level $or still drops non-JSON data', () => {
    const keep = recordFilter(['{"$or":[{"data":{"t":["a"]}},{"partitionKey":["pk-1"]}]}']);
    assert.equal(keep(Buffer.from('hello'), META), false);
    assert.equal(keep(json({ t: 'b' }), META), true);
    assert.equal(keep(json({ t: 'a' }), { ...META, partitionKey: 'other' }), true);
  });

  test('without a data part, records are filtered on the metadata whether or not the data is JSON', () => {
    const keep = recordFilter(['{"partitionKey":["pk-1"]}']);
    assert.equal(keep(Buffer.from('hello'), META), true);
    assert.equal(keep(json({ a: 1 }), META), true);
    assert.equal(keep(Buffer.from('hello'), { ...META, partitionKey: 'pk-2' }), false);
  });

  test('metadata fields: sequenceNumber, kinesisSchemaVersion and approximateArrivalTimestamp in epoch seconds', () => {
    assert.equal(recordFilter([`{"sequenceNumber":["${META.sequenceNumber}"]}`])(Buffer.from('x'), META), true);
    assert.equal(recordFilter(['{"kinesisSchemaVersion":["1.0"]}'])(Buffer.from('x'), META), true);
    assert.equal(recordFilter(['{"approximateArrivalTimestamp":[1545084650.987]}'])(Buffer.from('x'), META), true);
    assert.equal(recordFilter(['{"approximateArrivalTimestamp":[{"numeric":[">",1545084650,"<",1545084651]}]}'])(Buffer.from('x'), META), true);
    assert.equal(recordFilter(['{"approximateArrivalTimestamp":[{"numeric":["<",1545084650]}]}'])(Buffer.from('x'), META), false);
  });

  test('data fields and metadata in one pattern must both match', () => {
    const keep = recordFilter(['{"partitionKey":["pk-1"],"data":{"t":["a"]}}']);
    assert.equal(keep(json({ t: 'a' }), META), true);
    assert.equal(keep(json({ t: 'a' }), { ...META, partitionKey: 'x' }), false);
    assert.equal(keep(json({ t: 'b' }), META), false);
  });

  test('numbers in the data compare by their JSON text', () => {
    const keep = recordFilter(['{"data":{"amount":[300]}}']);
    assert.equal(keep(Buffer.from('{"amount":300}'), META), true);
    assert.equal(keep(Buffer.from('{"amount":300.0}'), META), false);
    assert.equal(keep(Buffer.from('{"amount":3.0e2}'), META), false);
  });

  test('valid JSON that is not an object: fields are simply absent', () => {
    const present = recordFilter(['{"data":{"t":["a"]}}']);
    const absent = recordFilter(['{"data":{"t":[{"exists":false}]}}']);
    for (const text of ['"a"', '5', '[1,2]', 'null', ' true ']) {
      assert.equal(present(Buffer.from(text), META), false, text);
      assert.equal(absent(Buffer.from(text), META), true, text);
    }
  });

  test('UTF-8 JSON with surrounding whitespace and non-ASCII text is JSON', () => {
    const keep = recordFilter(['{"data":{"name":["Zoë 😀"]}}']);
    assert.equal(keep(Buffer.from('\n {"name":"Zoë 😀"} \r\n'), META), true);
  });

  test('an invalid pattern throws FilterPatternError at compile time', () => {
    assert.throws(() => recordFilter(['{"data":{"t":["a"]}}', '{"data":["x"]}']), FilterPatternError);
    assert.throws(() => recordFilter(['not json']), FilterPatternError);
  });

  test('the record data is not modified', () => {
    const data = json({ t: 'a' });
    const copy = Buffer.from(data);
    recordFilter(['{"data":{"t":["a"]}}'])(data, META);
    assert.deepEqual(data, copy);
  });
});
