// ClusterJDBCURL → warehouse target: connection strings, default ports, DuckDB paths, refusals.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../errors/aws-error.js';
import { parseWarehouseUrl } from './warehouse-url.js';

test('PostgreSQL and Redshift URLs become connection strings with URL-encoded credentials', () => {
  assert.deepEqual(parseWarehouseUrl('jdbc:postgresql://db.local:6543/sales', 'ana@corp', 'p@ss:w/rd%'), {
    kind: 'postgres',
    connectionString: 'postgres://ana%40corp:p%40ss%3Aw%2Frd%25@db.local:6543/sales',
  });
  assert.deepEqual(parseWarehouseUrl('jdbc:redshift://cluster.abc.us-east-1.redshift.amazonaws.com/dev?sslmode=require', 'admin', undefined), {
    kind: 'postgres',
    connectionString: 'postgres://admin@cluster.abc.us-east-1.redshift.amazonaws.com:5439/dev?sslmode=require',
  });
  assert.deepEqual(parseWarehouseUrl('jdbc:postgresql://[::1]/db', 'u', 'secret1'), { kind: 'postgres', connectionString: 'postgres://u:secret1@[::1]:5432/db' });
});

test('DuckDB paths stay relative and inside the warehouses directory', () => {
  assert.deepEqual(parseWarehouseUrl('jdbc:duckdb:lake/events.duckdb', undefined, undefined), { kind: 'duckdb', path: 'lake/events.duckdb' });
  for (const bad of ['jdbc:duckdb:', 'jdbc:duckdb:/etc/x.duckdb', 'jdbc:duckdb:a/../../x', 'jdbc:duckdb:..\\x', 'jdbc:duckdb::memory:', 'jdbc:duckdb:C:/x']) {
    assert.throws(() => parseWarehouseUrl(bad, undefined, undefined), (err: unknown) =>
      err instanceof AwsError && err.message === 'ClusterJDBCURL jdbc:duckdb:<path> needs a relative file path that stays inside the warehouses directory.', bad);
  }
});

test('other URLs are refused without echoing them', () => {
  for (const bad of ['jdbc:mysql://h:3306/db', 'postgres://h/db', 'jdbc:postgresql://h:5432/', 'jdbc:postgresql://user:pw@h/db']) {
    assert.throws(() => parseWarehouseUrl(bad, 'u', 'secret1'), (err: unknown) => err instanceof AwsError && err.type === 'InvalidArgumentException' && !err.message.includes(bad), bad);
  }
  assert.throws(() => parseWarehouseUrl('jdbc:postgresql://h/db', undefined, undefined), /Username is required/);
});
