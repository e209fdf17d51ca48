// JSON → Parquet conversion, read back with hyparquet: inferred and declared schemas, coercion,
// case-insensitive keys, internal codecs, and records that fail conversion.
import { describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import assert from 'node:assert/strict';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { createFormatter } from './formatter.js';
import { FormatConversionError } from './format-conversion-error.js';
import { MALFORMED_DATA, ParquetConverter } from './parquet-converter.js';

const rec = (text: string) => ({ data: Buffer.from(text) });

async function readBack(body: Buffer): Promise<Record<string, unknown>[]> {
  const file = body.buffer.slice(body.byteOffset, body.byteOffset + body.length) as ArrayBuffer;
  return parquetReadObjects({ file, compressors: { GZIP: (input: Uint8Array) => new Uint8Array(gunzipSync(input)) } });
}

function codecs(body: Buffer): string[] {
  const file = body.buffer.slice(body.byteOffset, body.byteOffset + body.length) as ArrayBuffer;
  return parquetMetadata(file).row_groups.flatMap((group) => group.columns.map((column) => String(column.meta_data?.codec)));
}

describe('ParquetConverter', () => {
  test('infers columns from the records: integers, doubles, booleans, strings, nested JSON, missing keys', async () => {
    const converter = new ParquetConverter({ outputFormat: 'PARQUET', parquetCompression: 'SNAPPY' });
    const records = [
      rec('{"id":1,"price":2.5,"ok":true,"name":"a","tags":["x"]}'),
      rec('{"id":2,"price":3,"ok":false,"extra":"late"}\n'),
    ];
    const result = converter.convert(records);
    assert.deepEqual(result.converted, records);
    assert.deepEqual(result.failed, []);
    assert.deepEqual(await readBack(result.body!), [
      { id: 1n, price: 2.5, ok: true, name: 'a', tags: '["x"]', extra: null },
      { id: 2n, price: 3, ok: false, name: null, tags: null, extra: 'late' },
    ]);
    assert.deepEqual(codecs(result.body!), ['SNAPPY', 'SNAPPY', 'SNAPPY', 'SNAPPY', 'SNAPPY', 'SNAPPY']);
  });

  test('mixed value kinds in one column infer STRING', async () => {
    const result = new ParquetConverter({ outputFormat: 'PARQUET', parquetCompression: 'UNCOMPRESSED' }).convert([
      rec('{"v":1}'), rec('{"v":"two"}'), rec('{"v":{"n":3}}'),
    ]);
    assert.deepEqual(await readBack(result.body!), [{ v: '1' }, { v: 'two' }, { v: '{"n":3}' }]);
    assert.deepEqual(codecs(result.body!), ['UNCOMPRESSED']);
  });

  test('declared schema: keys match case-insensitively, strings coerce to numbers, undeclared keys are ignored', async () => {
    const converter = new ParquetConverter({
      outputFormat: 'PARQUET',
      parquetCompression: 'GZIP',
      schema: [
        { name: 'customer_id', type: 'string' },
        { name: 'qty', type: 'int' },
        { name: 'total', type: 'bigint' },
        { name: 'amount', type: 'double' },
        { name: 'paid', type: 'boolean' },
        { name: 'at', type: 'timestamp' },
        { name: 'detail', type: 'struct<a:int>' },
      ],
    });
    const result = converter.convert([
      rec('{"Customer_ID":42,"qty":"7","total":9007199254740991,"amount":"1.25","paid":"true","at":"2018-08-27 10:30:05","detail":{"a":1},"other":1}'),
      rec('{"customer_id":"c2","qty":3,"at":1535365805000}'),
    ]);
    assert.deepEqual(result.failed, []);
    assert.deepEqual(await readBack(result.body!), [
      { customer_id: '42', qty: 7, total: 9007199254740991n, amount: 1.25, paid: true, at: new Date('2018-08-27T10:30:05Z'), detail: '{"a":1}' },
      { customer_id: 'c2', qty: 3, total: null, amount: null, paid: null, at: new Date('2018-08-27T10:30:05Z'), detail: null },
    ]);
    assert.deepEqual(new Set(codecs(result.body!)), new Set(['GZIP']));
  });

  test('records that are not JSON objects or do not fit the declared types fail, the rest convert', async () => {
    const converter = new ParquetConverter({ outputFormat: 'PARQUET', parquetCompression: 'SNAPPY', schema: [{ name: 'n', type: 'int' }] });
    const records = [rec('{"n":1}'), rec('not json'), rec('[1,2]'), rec('{"n":"x"}'), rec('{"n":3000000000}'), rec('{"n":2}')];
    const result = converter.convert(records);
    assert.deepEqual(result.converted, [records[0], records[5]]);
    assert.deepEqual(result.failed, [
      { record: records[1], errorCode: MALFORMED_DATA, errorMessage: 'The record is not a JSON object.' },
      { record: records[2], errorCode: MALFORMED_DATA, errorMessage: 'The record is not a JSON object.' },
      { record: records[3], errorCode: MALFORMED_DATA, errorMessage: "The value of column 'n' cannot be converted to INT32." },
      { record: records[4], errorCode: MALFORMED_DATA, errorMessage: "The value of column 'n' cannot be converted to INT32." },
    ]);
    assert.deepEqual(await readBack(result.body!), [{ n: 1 }, { n: 2 }]);
  });

  test('an unsupported declared type is refused when the converter is built', () => {
    assert.throws(
      () => new ParquetConverter({ outputFormat: 'PARQUET', parquetCompression: 'SNAPPY', schema: [{ name: 'd', type: 'date' }] }),
      { name: 'TypeError', message: "Unsupported column type 'date' for column 'd'" },
    );
  });
});

describe('createFormatter with format conversion', () => {
  const conversion = { appendNewline: true, compression: 'UNCOMPRESSED', formatConversion: { outputFormat: 'PARQUET', parquetCompression: 'SNAPPY' } } as const;

  test('writes a .parquet object of the records', async () => {
    const formatter = createFormatter(conversion);
    const encoded = formatter.encode([rec('{"a":"x"}'), rec('{"a":"y"}')]);
    assert.equal(encoded.extension, '.parquet');
    assert.equal(encoded.body.subarray(0, 4).toString(), 'PAR1');
    assert.deepEqual(await readBack(encoded.body), [{ a: 'x' }, { a: 'y' }]);
    assert.deepEqual((await formatter.encodeAsync([rec('{"a":"x"}'), rec('{"a":"y"}')])).body, encoded.body);
  });

  test('throws FormatConversionError with the failures and an object of the records that converted', async () => {
    const records = [rec('{"a":"x"}'), rec('oops')];
    const error = captureError(() => createFormatter(conversion).encode(records));
    assert.ok(error instanceof FormatConversionError);
    assert.equal(error.message, '1 record(s) failed format conversion: The record is not a JSON object.');
    assert.deepEqual(error.failures, [{ record: records[1], errorCode: MALFORMED_DATA, errorMessage: 'The record is not a JSON object.' }]);
    assert.deepEqual(error.converted, [records[0]]);
    assert.equal(error.partial?.extension, '.parquet');
    assert.deepEqual(await readBack(error.partial!.body), [{ a: 'x' }]);
  });

  test('when every record fails there is no partial object', async () => {
    const error = captureError(() => createFormatter(conversion).encode([rec('x')]));
    assert.ok(error instanceof FormatConversionError);
    assert.equal(error.partial, undefined);
    assert.deepEqual(error.converted, []);
    await assert.rejects(createFormatter(conversion).encodeAsync([rec('x')]), { name: 'FormatConversionError' });
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.fail('expected an error');
}
