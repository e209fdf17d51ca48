// DuckDbSink against a real DuckDB file in a temp dir.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeliveryRecord, SinkBatch } from '../sink.js';
import { acquireDuckDb } from './duckdb-instances.js';
import { DuckDbSink } from './duckdb-sink.js';

function record(recordId: string, data: string, at = 1_700_000_000_123): DeliveryRecord {
  return { recordId, data: Buffer.from(data), approximateArrivalTimestamp: at };
}

function batch(records: DeliveryRecord[]): SinkBatch {
  return { objectKey: 'k', body: Buffer.concat(records.map((r) => r.data)), records };
}

describe('DuckDbSink', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tributary-duckdb-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function rows(path: string, sql: string): Promise<unknown[][]> {
    const handle = await acquireDuckDb(path);
    const connection = await handle.instance.connect();
    try {
      return (await connection.runAndReadAll(sql)).getRowsJS() as unknown[][];
    } finally {
      connection.closeSync();
      handle.release();
    }
  }

  test('default columns: creates the table, redelivery inserts nothing twice, data survives reopening', async () => {
    const path = join(dir, 'default.duckdb');
    const first = [record('s/shardId-000000000000/1', '{"a":1}'), record('s/shardId-000000000000/2', 'not json')];
    const sink = new DuckDbSink({ path, table: 'events', recordIdColumn: 'record_id' });
    await sink.deliver(batch(first));
    await sink.deliver(batch(first));
    await sink.close();
    const again = new DuckDbSink({ path, table: 'events', recordIdColumn: 'record_id' });
    await again.deliver(batch([first[1]!, record('s/shardId-000000000000/3', '[1,2]', 1_700_000_000_456)]));
    await again.close();
    const got = await rows(
      path,
      `SELECT record_id, strftime(arrival_timestamp AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%g'), CAST(data AS VARCHAR) FROM events ORDER BY record_id`,
    );
    assert.deepEqual(got, [
      ['s/shardId-000000000000/1', '2023-11-14T22:13:20.123', '{"a":1}'],
      ['s/shardId-000000000000/2', '2023-11-14T22:13:20.123', '"not json"'],
      ['s/shardId-000000000000/3', '2023-11-14T22:13:20.456', '[1,2]'],
    ]);
  });

  test('maps JSON fields to typed columns; the id comes from a record field, falling back to the record id', async () => {
    const path = join(dir, 'orders.duckdb');
    const sink = new DuckDbSink({
      path,
      table: 'main.orders',
      recordIdColumn: 'order_id',
      recordIdField: 'id',
      columns: [
        { name: 'order_id' },
        { name: 'customer', source: '.customer.name' },
        { name: 'amount', source: 'amount', type: 'double' },
        { name: 'qty', type: 'bigint' },
        { name: 'paid', type: 'boolean' },
        { name: 'at', source: 'ts', type: 'timestamp' },
        { name: 'raw', source: '$data' },
      ],
    });
    const a = '{"id":"o-1","customer":{"name":"Ada"},"amount":"12.5","qty":3,"paid":true,"ts":"2024-05-01T10:00:00Z"}';
    const b = '{"id":"o-2","customer":"flat","amount":"x","qty":1.5,"paid":"yes","ts":"never"}';
    try {
      await sink.deliver(batch([record('r1', a), record('r2', b), record('r3', 'plain'), record('r4', a)]));
      await sink.deliver(batch([record('r9', a)]));
    } finally {
      await sink.close();
    }
    const got = await rows(path, `SELECT order_id, customer, amount, qty, paid, strftime("at" AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M'), raw FROM orders ORDER BY order_id`);
    assert.deepEqual(got, [
      ['o-1', 'Ada', 12.5, 3n, true, '2024-05-01 10:00', a],
      ['o-2', null, null, null, null, null, b],
      ['r3', null, null, null, null, null, 'plain'],
    ]);
  });

  test('a large batch and concurrent deliveries land once each', async () => {
    const path = join(dir, 'big.duckdb');
    const sink = new DuckDbSink({ path, table: 'big', recordIdColumn: 'rid' });
    try {
      const many = Array.from({ length: 1200 }, (_, i) => record(`s/0/${i}`, `{"n":${i}}`));
      await Promise.all([sink.deliver(batch(many)), sink.deliver(batch(many.slice(600)))]);
    } finally {
      await sink.close();
    }
    assert.deepEqual(await rows(path, `SELECT count(*), count(DISTINCT rid), sum(CAST(data->>'n' AS INTEGER)) FROM big`), [[1200n, 1200n, 719400n]]);
  });

  test('with createTable false a missing table rejects the delivery, and a closed sink rejects', async () => {
    const sink = new DuckDbSink({ path: join(dir, 'absent.duckdb'), table: 'absent', createTable: false });
    await assert.rejects(sink.deliver(batch([record('a', '1')])), /Table with name absent does not exist/);
    await sink.close();
    await assert.rejects(sink.deliver(batch([record('a', '1')])), /DuckDB sink is closed/);
  });

  test('a pre-created typed table: its column types drive coercion and casts; a missing column rejects', async () => {
    const path = join(dir, 'nested', 'typed.duckdb');
    const sink = new DuckDbSink({ path, table: 'sales', createTable: true, recordIdColumn: 'rid', columns: [{ name: 'qty' }] });
    await sink.deliver(batch([record('setup', '{"qty":1}')]));
    await sink.close();
    const handle = await acquireDuckDb(path);
    const connection = await handle.instance.connect();
    await connection.run('DROP TABLE sales');
    await connection.run('CREATE SCHEMA shop');
    await connection.run('CREATE TABLE shop.sales (rid VARCHAR PRIMARY KEY, qty INTEGER, price DECIMAL(8,2), ok BOOLEAN, extra VARCHAR)');
    connection.closeSync();
    handle.release();
    const typed = new DuckDbSink({ path, table: 'shop.sales', recordIdColumn: 'rid', columns: [{ name: 'qty' }, { name: 'price' }, { name: 'ok' }] });
    await typed.deliver(batch([record('k1', '{"qty":"7","price":2.5,"ok":true}'), record('k2', '{"qty":1.5,"price":"x","ok":"false"}')]));
    await typed.deliver(batch([record('k1', '{"qty":8}')]));
    await typed.close();
    assert.deepEqual(await rows(path, 'SELECT rid, qty, CAST(price AS VARCHAR), ok, extra FROM shop.sales ORDER BY rid'), [
      ['k1', 7, '2.50', true, null],
      ['k2', null, null, false, null],
    ]);
    const wrong = new DuckDbSink({ path, table: 'shop.sales', columns: [{ name: 'qty' }, { name: 'nope' }] });
    await assert.rejects(wrong.deliver(batch([record('k3', '{}')])), /^MissingColumnsError: table shop.sales has no column nope$/);
    await wrong.close();
  });
});
