// Formatter.encodeAsync with Parquet conversion runs in a worker thread yet keeps encode's contract:
// byte-identical bodies, the same FormatConversionError with the caller's own record objects, and
// an event loop that keeps turning while a large buffer converts.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FormatConversionSettings, FormatSettings } from '../delivery-stream-definition.js';
import { FormatConversionError } from './format-conversion-error.js';
import { createFormatter } from './formatter.js';
import { ParquetWorkerPool } from './parquet-worker-pool.js';

const pool = new ParquetWorkerPool();
after(() => pool.close());

const parquet = (formatConversion: FormatConversionSettings): FormatSettings => ({ appendNewline: false, compression: 'UNCOMPRESSED', formatConversion });
const INFERRED = parquet({ outputFormat: 'PARQUET', parquetCompression: 'SNAPPY' });
const DECLARED = parquet({
  outputFormat: 'PARQUET', parquetCompression: 'GZIP',
  schema: [{ name: 'id', type: 'bigint' }, { name: 'name', type: 'string' }, { name: 'at', type: 'timestamp' }, { name: 'score', type: 'double' }],
});
const rec = (text: string, i: number) => ({ recordId: `r${i}`, data: Buffer.from(text), approximateArrivalTimestamp: 1_700_000_000_000 + i });
const records = (texts: string[]) => texts.map(rec);

function conversionError(fn: () => unknown): FormatConversionError {
  try {
    fn();
  } catch (err) {
    if (err instanceof FormatConversionError) return err;
    throw err;
  }
  assert.fail('expected a FormatConversionError');
}

describe('Formatter.encodeAsync with Parquet conversion (worker thread)', () => {
  test('inferred schema: the same bytes as encode', async () => {
    const formatter = createFormatter(INFERRED, { parquetPool: pool });
    const input = records(Array.from({ length: 500 }, (_, i) => JSON.stringify({ id: i, name: `n${i}`, tags: [i], ok: i % 2 === 0, price: i / 4 })));
    const sync = formatter.encode(input);
    const async = await formatter.encodeAsync(input);
    assert.equal(async.extension, '.parquet');
    assert.equal(async.contentType, sync.contentType);
    assert.deepEqual(async.body, sync.body);
  });

  test('declared schema (GZIP pages): the same bytes as encode', async () => {
    const formatter = createFormatter(DECLARED, { parquetPool: pool });
    const input = records(['{"id":1,"name":"a","at":"2024-01-02 03:04:05","score":1.5}', '{"ID":"2","Name":"b","at":1700000000000,"score":"2"}']);
    assert.deepEqual((await formatter.encodeAsync(input)).body, formatter.encode(input).body);
  });

  test('partial failure: the same FormatConversionError, naming the caller\'s own record objects', async () => {
    const formatter = createFormatter(DECLARED, { parquetPool: pool });
    const input = records(['{"id":1}', 'not json', '{"id":"x"}', '{"id":4,"score":0.5}']);
    const sync = conversionError(() => formatter.encode(input));
    const async = await formatter.encodeAsync(input).then(() => assert.fail('expected a rejection'), (err: unknown) => err);
    assert.ok(async instanceof FormatConversionError);
    assert.equal(async.message, sync.message);
    assert.deepEqual(async.partial, sync.partial);
    assert.equal(async.converted.length, 2);
    assert.ok(async.converted[0] === input[0] && async.converted[1] === input[3], 'converted holds the input objects');
    assert.deepEqual(async.failures.map((f) => [input.indexOf(f.record as (typeof input)[number]), f.errorCode, f.errorMessage]), [
      [1, 'DataFormatConversion.MalformedData', 'The record is not a JSON object.'],
      [2, 'DataFormatConversion.MalformedData', "The value of column 'id' cannot be converted to INT64."],
    ]);
    assert.deepEqual(async.failures.map((f) => [f.errorCode, f.errorMessage]), sync.failures.map((f) => [f.errorCode, f.errorMessage]));
  });

  test('every record failing: no partial object, as encode', async () => {
    const formatter = createFormatter(INFERRED, { parquetPool: pool });
    const input = records(['[1]', '"text"']);
    const async = await formatter.encodeAsync(input).then(() => assert.fail('expected a rejection'), (err: unknown) => err);
    assert.ok(async instanceof FormatConversionError);
    assert.equal(async.partial, undefined);
    assert.deepEqual(async.converted, []);
    assert.ok(async.failures[0]!.record === input[0] && async.failures[1]!.record === input[1]);
  });

  test('an empty buffer: an empty body, as encode', async () => {
    const formatter = createFormatter(INFERRED, { parquetPool: pool });
    assert.deepEqual(await formatter.encodeAsync([]), formatter.encode([]));
  });

  test('the event loop keeps turning while a large buffer converts', async () => {
    const formatter = createFormatter(INFERRED, { parquetPool: pool });
    const input = records(Array.from({ length: 100_000 }, (_, i) => JSON.stringify({ id: i, tenant: `t${i % 7}`, path: '/api/orders', latency: i / 9 })));
    let settled = false;
    let turnsWhileConverting = 0;
    const tick = (): void => {
      if (settled) return;
      turnsWhileConverting += 1;
      setImmediate(tick);
    };
    setImmediate(tick);
    const encoded = await formatter.encodeAsync(input);
    settled = true;
    assert.ok(turnsWhileConverting > 0, 'a setImmediate callback ran while the conversion was in progress');
    assert.deepEqual(encoded.body, formatter.encode(input).body);
  });

  test('without a shared pool the formatter starts its own worker and close() ends it', async () => {
    const formatter = createFormatter(INFERRED);
    const input = records(['{"a":1}']);
    assert.deepEqual((await formatter.encodeAsync(input)).body, formatter.encode(input).body);
    await formatter.close();
    await assert.rejects(formatter.encodeAsync(input), { name: 'ParquetWorkerError', message: 'The Parquet conversion pool is closed.' });
  });
});
