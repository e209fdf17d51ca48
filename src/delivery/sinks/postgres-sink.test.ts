// PostgresSink against a private PostgreSQL started by the test (initdb + pg_ctl on a free port).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startPostgres, type PostgresProcess } from '../../../test/helpers/postgres-process.js';
import type { DeliveryRecord, SinkBatch } from '../sink.js';
import { PostgresSink } from './postgres-sink.js';

function record(recordId: string, data: string, at = 1_700_000_000_123): DeliveryRecord {
  return { recordId, data: Buffer.from(data), approximateArrivalTimestamp: at };
}

function batch(records: DeliveryRecord[]): SinkBatch {
  return { objectKey: 'k', body: Buffer.concat(records.map((r) => r.data)), records };
}

describe('PostgresSink', () => {
  let server: PostgresProcess;
  let client: pg.Client;

  before(async () => {
    server = await startPostgres();
    client = new pg.Client({ connectionString: server.connectionString });
    await client.connect();
  });
  after(async () => {
    await client?.end();
    await server?.destroy();
  });

  const rows = async (sql: string): Promise<unknown[][]> => (await client.query({ text: sql, rowMode: 'array' })).rows as unknown[][];

  test('default columns: creates the table, redelivery inserts nothing twice', async () => {
    const sink = new PostgresSink({ connectionString: server.connectionString, table: 'events', recordIdColumn: 'record_id' });
    try {
      const first = [record('s/shardId-000000000000/1', '{"a":1}'), record('s/shardId-000000000000/2', 'not json')];
      await sink.deliver(batch(first));
      await sink.deliver(batch(first));
      await sink.deliver(batch([first[1]!, record('s/shardId-000000000000/3', '[1,2]', 1_700_000_000_456)]));
      const got = await rows(
        `SELECT record_id, to_char(arrival_timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS'), data::text FROM events ORDER BY record_id`,
      );
      assert.deepEqual(got, [
        ['s/shardId-000000000000/1', '2023-11-14T22:13:20.123', '{"a": 1}'],
        ['s/shardId-000000000000/2', '2023-11-14T22:13:20.123', '"not json"'],
        ['s/shardId-000000000000/3', '2023-11-14T22:13:20.456', '[1, 2]'],
      ]);
    } finally {
      await sink.close();
    }
  });

  test('maps JSON fields to typed columns; the id comes from a record field, falling back to the record id', async () => {
    const sink = new PostgresSink({
      connectionString: server.connectionString,
      table: 'public.orders',
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
    try {
      const a = '{"id":"o-1","customer":{"name":"Ada"},"amount":"12.5","qty":3,"paid":true,"ts":"2024-05-01T10:00:00Z"}';
      const b = '{"id":"o-2","customer":"flat","amount":"x","qty":1.5,"paid":"yes","ts":"never"}';
      await sink.deliver(batch([record('r1', a), record('r2', b), record('r3', 'plain'), record('r4', a)]));
      await sink.deliver(batch([record('r9', a)]));
      const got = await rows(
        `SELECT order_id, customer, amount, qty, paid, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), raw FROM orders ORDER BY order_id`,
      );
      assert.deepEqual(got, [
        ['o-1', 'Ada', 12.5, '3', true, '2024-05-01 10:00', a],
        ['o-2', null, null, null, null, null, b],
        ['r3', null, null, null, null, null, 'plain'],
      ]);
    } finally {
      await sink.close();
    }
  });

  test('a large batch is inserted in several statements within one transaction', async () => {
    const sink = new PostgresSink({ connectionString: server.connectionString, table: 'big', recordIdColumn: 'rid' });
    try {
      const many = Array.from({ length: 2500 }, (_, i) => record(`s/0/${i}`, `{"n":${i}}`));
      await sink.deliver(batch(many));
      await sink.deliver(batch(many.slice(1000, 2600)));
      assert.deepEqual(await rows('SELECT count(*)::int, count(DISTINCT rid)::int, sum((data->>\'n\')::int)::int FROM big'), [[2500, 2500, 3123750]]);
    } finally {
      await sink.close();
    }
  });

  test('without a record id column, rows are appended as delivered', async () => {
    const sink = new PostgresSink({ connectionString: server.connectionString, table: 'plain_log', columns: [{ name: 'v', source: 'v', type: 'bigint' }] });
    try {
      await sink.deliver(batch([record('a', '{"v":1}'), record('a', '{"v":1}')]));
      assert.deepEqual(await rows('SELECT v FROM plain_log'), [['1'], ['1']]);
    } finally {
      await sink.close();
    }
  });

  test('rejects while the database is down and delivers once it is back, atomically', async () => {
    const sink = new PostgresSink({ connectionString: server.connectionString, table: 'outage', recordIdColumn: 'rid' });
    try {
      await sink.deliver(batch([record('x/1', '1')]));
      await client.end();
      await server.stop();
      await assert.rejects(sink.deliver(batch([record('x/2', '2'), record('x/3', '3')])));
      await server.restart();
      client = new pg.Client({ connectionString: server.connectionString });
      await client.connect();
      await sink.deliver(batch([record('x/2', '2'), record('x/3', '3')]));
      assert.deepEqual(await rows('SELECT rid, data::text FROM outage ORDER BY rid'), [['x/1', '1'], ['x/2', '2'], ['x/3', '3']]);
    } finally {
      await sink.close();
    }
  });

  test('with createTable false a missing table rejects the delivery', async () => {
    const sink = new PostgresSink({ connectionString: server.connectionString, table: 'absent', createTable: false });
    try {
      await assert.rejects(sink.deliver(batch([record('a', '1')])), /relation "absent" does not exist/);
    } finally {
      await sink.close();
    }
  });

  test('a pre-created typed table: its column types drive coercion and casts; a missing column rejects', async () => {
    await client.query('CREATE SCHEMA shop');
    await client.query('CREATE TABLE shop.sales (rid text PRIMARY KEY, qty integer, price numeric(8,2), day date, tag varchar(10), extra text)');
    const sink = new PostgresSink({ connectionString: server.connectionString, table: 'shop.sales', recordIdColumn: 'rid', columns: [{ name: 'qty' }, { name: 'price' }, { name: 'day' }, { name: 'tag' }] });
    try {
      await sink.deliver(batch([record('k1', '{"qty":"7","price":2.5,"day":"2024-02-29T00:00:00Z","tag":"a"}'), record('k2', '{"qty":1.5,"price":"x","tag":3}')]));
      await sink.deliver(batch([record('k1', '{"qty":8}')]));
      assert.deepEqual(await rows("SELECT rid, qty, price::text, to_char(day, 'YYYY-MM-DD'), tag, extra FROM shop.sales ORDER BY rid"), [
        ['k1', 7, '2.50', '2024-02-29', 'a', null],
        ['k2', null, null, null, '3', null],
      ]);
    } finally {
      await sink.close();
    }
    const wrong = new PostgresSink({ connectionString: server.connectionString, table: 'shop.sales', columns: [{ name: 'qty' }, { name: 'nope' }, { name: 'gone' }] });
    try {
      await assert.rejects(wrong.deliver(batch([record('k3', '{}')])), /^MissingColumnsError: table shop.sales has no column nope, gone$/);
    } finally {
      await wrong.close();
    }
  });
});
