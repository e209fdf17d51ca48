// ParquetWorkerPool: conversions in a worker thread, a crashed worker failing only its task and
// being replaced, and close() ending the thread.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FormatConversionSettings } from '../delivery-stream-definition.js';
import { ParquetConverter } from './parquet-converter.js';
import { ParquetWorkerError } from './parquet-worker-error.js';
import { ParquetWorkerPool } from './parquet-worker-pool.js';

const SETTINGS: FormatConversionSettings = { outputFormat: 'PARQUET', parquetCompression: 'SNAPPY' };
const rec = (text: string) => ({ data: Buffer.from(text) });

/** ~7 MB of JSON records: far more than a 16 MiB worker heap can parse and hold. */
function manyRecords(): { data: Buffer }[] {
  return Array.from({ length: 200_000 }, (_, i) => rec(JSON.stringify({ id: i, s: 'x'.repeat(i % 50), f: i / 3 })));
}

describe('ParquetWorkerPool', () => {
  test('converts in a worker: the same body as ParquetConverter, records named by index', async () => {
    const pool = new ParquetWorkerPool();
    try {
      const records = [rec('{"a":1}'), rec('not json'), rec('{"a":2,"b":"x"}')];
      const expected = new ParquetConverter(SETTINGS).convert(records);
      const result = await pool.convert(SETTINGS, records);
      assert.deepEqual(Buffer.from(result.body!), expected.body);
      assert.deepEqual([...result.converted], [0, 2]);
      assert.deepEqual(result.failures, [{ index: 1, errorCode: 'DataFormatConversion.MalformedData', errorMessage: 'The record is not a JSON object.' }]);
    } finally {
      await pool.close();
    }
  });

  test('starts its worker on first use only', async () => {
    const pool = new ParquetWorkerPool();
    assert.equal(pool.threads, 0);
    await pool.convert(SETTINGS, [rec('{"a":1}')]);
    assert.equal(pool.threads, 1);
    await pool.close();
  });

  test('a worker that dies (out of heap) fails its task with a retryable ParquetWorkerError; the next task gets a fresh worker', async () => {
    const pool = new ParquetWorkerPool({ resourceLimits: { maxOldGenerationSizeMb: 16 } });
    try {
      const crash = await pool.convert(SETTINGS, manyRecords()).then(() => undefined, (err: unknown) => err);
      assert.ok(crash instanceof ParquetWorkerError, `expected a ParquetWorkerError, got ${String(crash)}`);
      assert.equal(crash.retryable, true);
      assert.match(crash.message, /^The Parquet conversion worker stopped \(exit code \d+\): .*memory limit/);
      const next = await pool.convert(SETTINGS, [rec('{"a":1}'), rec('{"a":2}')]);
      assert.deepEqual([...next.converted], [0, 1]);
      assert.equal(pool.threads, 1);
    } finally {
      await pool.close();
    }
  });

  test('tasks queue for a busy worker and each gets its own answer, in order', async () => {
    const pool = new ParquetWorkerPool();
    try {
      const results = await Promise.all([1, 2, 3].map((n) => pool.convert(SETTINGS, Array.from({ length: n }, (_, i) => rec(`{"n":${i}}`)))));
      assert.deepEqual(results.map((r) => r.converted.length), [1, 2, 3]);
    } finally {
      await pool.close();
    }
  });

  test('close() ends the worker, fails the running and waiting tasks, and refuses new ones', async () => {
    const pool = new ParquetWorkerPool();
    const running = pool.convert(SETTINGS, manyRecords()).then(() => 'done', (err: unknown) => err);
    while (pool.threads === 0) await new Promise((resolve) => setImmediate(resolve));
    const waiting = pool.convert(SETTINGS, [rec('{"a":1}')]).then(() => 'done', (err: unknown) => err);
    await pool.close();
    assert.equal(pool.threads, 0);
    for (const outcome of [await running, await waiting]) assert.ok(outcome instanceof ParquetWorkerError, String(outcome));
    await assert.rejects(pool.convert(SETTINGS, [rec('{"a":1}')]), { name: 'ParquetWorkerError', message: 'The Parquet conversion pool is closed.' });
    await pool.close();
  });

  test('a pool of two runs two conversions on two threads', async () => {
    const pool = new ParquetWorkerPool({ size: 2 });
    try {
      const results = await Promise.all([pool.convert(SETTINGS, [rec('{"a":1}')]), pool.convert(SETTINGS, [rec('{"b":2}')])]);
      assert.deepEqual(results.map((r) => [...r.converted]), [[0], [0]]);
      assert.equal(pool.threads, 2);
    } finally {
      await pool.close();
    }
  });

  test('refuses a size that is not a positive integer', () => {
    assert.throws(() => new ParquetWorkerPool({ size: 0 }), RangeError);
  });
});
