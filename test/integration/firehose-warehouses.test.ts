// Direct PUT to the SQL warehouse destinations, configured as AWS does a Redshift destination
// (RedshiftDestinationConfiguration, docs/decisions/0009): a private PostgreSQL (initdb on a free
// port) reached through jdbc:postgresql:// and an embedded DuckDB file through jdbc:duckdb:. Exact
// rows, idempotence with RECORD_ID across a kill -9 restart, Describe/Update, and bad configurations
// rejected with exact messages and nothing created.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  ListDeliveryStreamsCommand,
  PutRecordBatchCommand,
  UpdateDestinationCommand,
  type CreateDeliveryStreamCommandInput,
} from '@aws-sdk/client-firehose';
import { DuckDBInstance } from '@duckdb/node-api';
import { startPostgres, type PostgresProcess } from '../helpers/postgres-process.js';
import { FirehoseFixture, ROLE, DELIVERY_DEADLINE_MS } from './support/firehose-fixture.js';
import { pollUntil } from './support/poll-until.js';

const s3Configuration = (bucket: string) => ({ RoleARN: ROLE, BucketARN: `arn:aws:s3:::${bucket}`, BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } });
const records = (...items: unknown[]) => items.map((item) => ({ Data: Buffer.from(typeof item === 'string' ? item : JSON.stringify(item)) }));

/** Records of `stream` the server reports delivered (Prometheus counter), 0 before any. */
async function deliveredCount(url: string, stream: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('tributary_firehose_delivery_to_s3_records_total{') && l.includes(`delivery_stream_name="${stream}"`));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}

describe('Firehose Direct PUT to PostgreSQL (Redshift destination configuration)', () => {
  let fx: FirehoseFixture;
  let db: PostgresProcess;
  let client: pg.Client;
  let jdbc: string;

  before(async () => {
    [fx, db] = await Promise.all([FirehoseFixture.start(), startPostgres()]);
    client = new pg.Client({ connectionString: db.connectionString });
    await client.connect();
    jdbc = `jdbc:postgresql://127.0.0.1:${db.port}/postgres`;
  });
  after(async () => {
    await client?.end();
    await fx?.close();
    await db?.destroy();
  });

  const rows = async (sql: string): Promise<unknown[][]> => (await client.query({ text: sql, rowMode: 'array' })).rows as unknown[][];
  const waitRows = (sql: string, count: number, what: string): Promise<unknown[][]> =>
    pollUntil(async () => {
      const got = await rows(sql);
      return got.length >= count ? got : undefined;
    }, what, DELIVERY_DEADLINE_MS, 100);

  test('a pre-created typed table gets exact rows; RECORD_ID keeps a kill -9 restart from duplicating', async () => {
    await client.query('CREATE TABLE public.orders (rid text PRIMARY KEY, id integer, customer text, amount numeric(8,2), note text)');
    await fx.createDeliveryStream({
      DeliveryStreamName: 'wh-pg',
      DeliveryStreamType: 'DirectPut',
      RedshiftDestinationConfiguration: {
        RoleARN: ROLE,
        ClusterJDBCURL: jdbc,
        Username: 'postgres',
        Password: 'not-checked-by-trust-auth',
        CopyCommand: { DataTableName: 'public.orders', DataTableColumns: 'id,customer,amount', CopyOptions: "json 'auto' gzip RECORD_ID rid" },
        S3Configuration: s3Configuration('wh-pg-errors'),
      },
    });
    const first = await fx.firehose.send(
      new PutRecordBatchCommand({ DeliveryStreamName: 'wh-pg', Records: records({ id: 1, customer: 'Ada', amount: 12.5 }, { id: '2', customer: 'Bo', amount: '3', extra: true }, 'not json') }),
    );
    assert.equal(first.FailedPutCount, 0);
    const ids = first.RequestResponses!.map((r) => r.RecordId!);
    const select = 'SELECT rid, id, customer, amount::text, note FROM public.orders ORDER BY rid';
    const expected = [
      [ids[0], 1, 'Ada', '12.50', null],
      [ids[1], 2, 'Bo', '3.00', null],
      [ids[2], null, null, null, null],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    assert.deepEqual(await waitRows(select, 3, 'three rows in public.orders'), expected);

    fx = await fx.crashAndRestart();
    await fx.waitActive('wh-pg');
    const second = await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'wh-pg', Records: records({ id: 4, customer: 'Cy', amount: 1 }) }));
    const cy = second.RequestResponses![0]!.RecordId!;
    const all = await waitRows(select, 4, 'the fourth row after the restart');
    assert.deepEqual(all, [...expected, [cy, 4, 'Cy', '1.00', null]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    assert.deepEqual(await rows('SELECT count(*)::int, count(DISTINCT rid)::int FROM public.orders'), [[4, 4]]);
  });

  test('RECORD_ID <column> FROM <field>: a record sent twice lands once; default columns; Describe hides the password', async () => {
    await fx.createDeliveryStream({
      DeliveryStreamName: 'wh-pg-field',
      RedshiftDestinationConfiguration: {
        RoleARN: ROLE,
        ClusterJDBCURL: jdbc,
        Username: 'postgres',
        Password: 'secret-password',
        CopyCommand: { DataTableName: 'events', CopyOptions: 'RECORD_ID event_id FROM id' },
        S3Configuration: s3Configuration('wh-pg-field-errors'),
      },
    });
    await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'wh-pg-field', Records: records({ id: 'e-1', v: 1 }, { id: 'e-2', v: 2 }) }));
    await waitRows('SELECT event_id FROM events', 2, 'two events');
    await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'wh-pg-field', Records: records({ id: 'e-1', v: 'again' }, { id: 'e-3', v: 3 }) }));
    const got = await waitRows('SELECT event_id, data::text FROM events ORDER BY event_id', 3, 'three events');
    assert.deepEqual(got, [['e-1', '{"v": 1, "id": "e-1"}'], ['e-2', '{"v": 2, "id": "e-2"}'], ['e-3', '{"v": 3, "id": "e-3"}']]);
    assert.deepEqual(await rows("SELECT count(*)::int FROM events WHERE arrival_timestamp > now() - interval '1 hour'"), [[3]]);

    const described = await fx.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'wh-pg-field' }));
    const destination = described.DeliveryStreamDescription!.Destinations![0]!;
    assert.equal(destination.DestinationId, 'destinationId-000000000001');
    assert.deepEqual(destination.RedshiftDestinationDescription, {
      RoleARN: ROLE,
      ClusterJDBCURL: jdbc,
      Username: 'postgres',
      CopyCommand: { DataTableName: 'events', CopyOptions: 'RECORD_ID event_id FROM id' },
      RetryOptions: { DurationInSeconds: 3600 },
      S3BackupMode: 'Disabled',
      CloudWatchLoggingOptions: { Enabled: false },
      S3DestinationDescription: {
        RoleARN: ROLE,
        BucketARN: 'arn:aws:s3:::wh-pg-field-errors',
        Prefix: '',
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
        CompressionFormat: 'UNCOMPRESSED',
        EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
        CloudWatchLoggingOptions: { Enabled: false },
      },
    });
  });

  test('UpdateDestination with RedshiftDestinationUpdate moves delivery to another table, keeping the password', async () => {
    await fx.createDeliveryStream({
      DeliveryStreamName: 'wh-pg-update',
      RedshiftDestinationConfiguration: {
        RoleARN: ROLE, ClusterJDBCURL: jdbc, Username: 'postgres', Password: 'secret-password',
        CopyCommand: { DataTableName: 'before_update', DataTableColumns: 'n', CopyOptions: 'RECORD_ID rid' },
        S3Configuration: s3Configuration('wh-pg-update-errors'),
      },
    });
    await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'wh-pg-update', Records: records({ n: 1 }) }));
    await waitRows('SELECT n FROM before_update', 1, 'a row before the update');
    await fx.firehose.send(
      new UpdateDestinationCommand({
        DeliveryStreamName: 'wh-pg-update',
        CurrentDeliveryStreamVersionId: '1',
        DestinationId: 'destinationId-000000000001',
        RedshiftDestinationUpdate: { CopyCommand: { DataTableName: 'after_update', DataTableColumns: 'n', CopyOptions: 'RECORD_ID rid' }, S3Update: { Prefix: 'errors/' } },
      }),
    );
    const described = await fx.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'wh-pg-update' }));
    assert.equal(described.DeliveryStreamDescription!.VersionId, '2');
    const redshift = described.DeliveryStreamDescription!.Destinations![0]!.RedshiftDestinationDescription!;
    assert.deepEqual(redshift.CopyCommand, { DataTableName: 'after_update', DataTableColumns: 'n', CopyOptions: 'RECORD_ID rid' });
    assert.equal(redshift.S3DestinationDescription!.Prefix, 'errors/');
    assert.equal(redshift.S3DestinationDescription!.BucketARN, 'arn:aws:s3:::wh-pg-update-errors');
    await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'wh-pg-update', Records: records({ n: 2 }) }));
    assert.deepEqual(await waitRows('SELECT n FROM after_update', 1, 'a row after the update'), [['2']]);
    assert.deepEqual(await rows('SELECT n FROM before_update'), [['1']]);
  });

  test('AWS CLI: create-delivery-stream with --redshift-destination-configuration, describe without the password', async () => {
    await fx.cli.json(
      'firehose', 'create-delivery-stream', '--delivery-stream-name', 'wh-pg-cli',
      '--redshift-destination-configuration',
      JSON.stringify({
        RoleARN: ROLE,
        ClusterJDBCURL: `jdbc:redshift://127.0.0.1:${db.port}/postgres`,
        Username: 'postgres',
        Password: 'cli-password',
        CopyCommand: { DataTableName: 'cli_events', DataTableColumns: 'kind', CopyOptions: 'RECORD_ID rid' },
        S3Configuration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::wh-cli-errors', CompressionFormat: 'GZIP', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } },
        S3BackupMode: 'Disabled',
      }),
    );
    await fx.waitActive('wh-pg-cli');
    const described = await fx.cli.json<{ DeliveryStreamDescription: { Destinations: Record<string, unknown>[] } }>(
      'firehose', 'describe-delivery-stream', '--delivery-stream-name', 'wh-pg-cli',
    );
    const redshift = described!.DeliveryStreamDescription.Destinations[0]!.RedshiftDestinationDescription as Record<string, unknown>;
    assert.equal(redshift.ClusterJDBCURL, `jdbc:redshift://127.0.0.1:${db.port}/postgres`);
    assert.equal(redshift.Username, 'postgres');
    assert.equal('Password' in redshift, false);
    assert.deepEqual(redshift.CopyCommand, { DataTableName: 'cli_events', DataTableColumns: 'kind', CopyOptions: 'RECORD_ID rid' });
    assert.equal((redshift.S3DestinationDescription as Record<string, unknown>).CompressionFormat, 'GZIP');
    assert.ok(!JSON.stringify(described).includes('cli-password'));
    // Two records of 700,000 bytes cross the 1 MiB size hint: a flush by size, not after the 60 s interval.
    const big = ['cli', 'size'].map((kind) => ({ Data: Buffer.from(JSON.stringify({ kind }).padEnd(700_000)) }));
    await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'wh-pg-cli', Records: big }));
    assert.deepEqual(await waitRows('SELECT kind FROM cli_events ORDER BY rid', 2, 'two rows flushed by size'), [['cli'], ['size']]);
  });

  test('bad configurations are rejected with exact messages and nothing is created', async () => {
    const base = {
      RoleARN: ROLE, ClusterJDBCURL: jdbc, Username: 'postgres', Password: 'secret-password',
      CopyCommand: { DataTableName: 'ok_table' },
      S3Configuration: s3Configuration('wh-bad-errors'),
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ClusterJDBCURL: 'jdbc:mysql://127.0.0.1:3306/db' }, 'ClusterJDBCURL must be jdbc:postgresql://<host>[:<port>]/<database>, jdbc:redshift://<host>[:<port>]/<database> or jdbc:duckdb:<path>.'],
      [{ ClusterJDBCURL: 'jdbc:postgresql://127.0.0.1:99999/db' }, 'ClusterJDBCURL port 99999 is out of range.'],
      [{ ClusterJDBCURL: 'jdbc:duckdb:../outside.duckdb' }, 'ClusterJDBCURL jdbc:duckdb:<path> needs a relative file path that stays inside the warehouses directory.'],
      [{ ClusterJDBCURL: 'jdbc:duckdb:/tmp/abs.duckdb' }, 'ClusterJDBCURL jdbc:duckdb:<path> needs a relative file path that stays inside the warehouses directory.'],
      [{ Username: undefined }, 'Username is required for a jdbc:postgresql or jdbc:redshift ClusterJDBCURL.'],
      [{ CopyCommand: { DataTableName: 'orders; DROP TABLE x' } }, 'DataTableName "orders; DROP TABLE x" must be a table name, optionally schema-qualified (schema.table), of letters, digits, _ and $.'],
      [{ CopyCommand: { DataTableName: 't', DataTableColumns: 'a,,b' } }, 'DataTableColumns must be a comma-separated list of column names (letters, digits, _ and $): "".'],
      [{ CopyCommand: { DataTableName: 't', DataTableColumns: 'a,b,a' } }, 'DataTableColumns names column a twice.'],
      [{ CopyCommand: { DataTableName: 't', CopyOptions: 'RECORD_ID' } }, 'CopyOptions: RECORD_ID needs a column name: RECORD_ID <column> [FROM <json field>].'],
      [{ CopyCommand: { DataTableName: 't', CopyOptions: "csv delimiter ','" } }, "CopyOptions: CSV is not supported by Tributary; records are read as JSON 'auto'."],
      [{ S3Configuration: { ...s3Configuration('wh-bad-errors'), CompressionFormat: 'Snappy' } }, 'CompressionFormat Snappy is not supported for Redshift destinations; use UNCOMPRESSED or GZIP.'],
      [{ SecretsManagerConfiguration: { Enabled: true, SecretARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:x' } }, 'SecretsManagerConfiguration is not supported by Tributary; give Username and Password.'],
    ];
    for (const [change, message] of cases) {
      const input: CreateDeliveryStreamCommandInput = { DeliveryStreamName: 'wh-bad', RedshiftDestinationConfiguration: { ...base, ...change } as never };
      await assert.rejects(fx.firehose.send(new CreateDeliveryStreamCommand(input)), (err: Error) => {
        assert.equal(err.name, 'InvalidArgumentException', message);
        assert.equal(err.message, message);
        return true;
      });
    }
    const listed = await fx.firehose.send(new ListDeliveryStreamsCommand({}));
    assert.ok(!listed.DeliveryStreamNames!.includes('wh-bad'));
    assert.deepEqual(await rows("SELECT count(*)::int FROM information_schema.tables WHERE table_name IN ('ok_table', 't')"), [[0]]);
    assert.equal(existsSync(join(fx.server.dataDir, 'outside.duckdb')), false);
    assert.equal(existsSync('/tmp/abs.duckdb'), false);
  });
});

describe('Firehose Direct PUT to DuckDB (Redshift destination configuration, jdbc:duckdb:)', () => {
  let fx: FirehoseFixture;
  before(async () => {
    fx = await FirehoseFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  test('default columns and RECORD_ID: exact rows in <dataDir>/warehouses/<path>', async () => {
    await fx.createDeliveryStream({
      DeliveryStreamName: 'wh-duck',
      RedshiftDestinationConfiguration: {
        RoleARN: ROLE,
        ClusterJDBCURL: 'jdbc:duckdb:lake/events.duckdb',
        CopyCommand: { DataTableName: 'events', CopyOptions: 'RECORD_ID record_id' },
        S3Configuration: s3Configuration('wh-duck-errors'),
      },
    });
    const put = await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'wh-duck', Records: records({ a: 1 }, 'plain text', { b: [2] }) }));
    const ids = put.RequestResponses!.map((r) => r.RecordId!);
    await pollUntil(async () => ((await deliveredCount(fx.server.url, 'wh-duck')) >= 3 ? true : undefined), 'three records delivered', DELIVERY_DEADLINE_MS, 100);
    // DuckDB allows one writing process: stop the server (it closes the file) before reading it here.
    await fx.server.stop();
    const instance = await DuckDBInstance.create(join(fx.server.dataDir, 'warehouses', 'lake', 'events.duckdb'));
    const connection = await instance.connect();
    try {
      const got = (await connection.runAndReadAll('SELECT record_id, CAST(data AS VARCHAR), arrival_timestamp > now() - INTERVAL 1 HOUR FROM events ORDER BY record_id')).getRowsJS();
      assert.deepEqual(got, [
        [ids[0], '{"a":1}', true],
        [ids[1], '"plain text"', true],
        [ids[2], '{"b":[2]}', true],
      ]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
