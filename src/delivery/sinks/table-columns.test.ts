// Column types of existing warehouse tables: the mapping from SQL type names and the merge.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveColumns } from './row-mapping.js';
import { columnTypeOf, MissingColumnsError, withTableTypes } from './table-columns.js';

test('maps PostgreSQL and DuckDB type names to coercion types', () => {
  const cases: Record<string, string> = {
    integer: 'bigint', smallint: 'bigint', bigint: 'bigint', INTEGER: 'bigint', HUGEINT: 'bigint', UBIGINT: 'bigint', TINYINT: 'bigint',
    numeric: 'double', 'DECIMAL(8,2)': 'double', real: 'double', 'double precision': 'double', FLOAT: 'double',
    boolean: 'boolean', BOOLEAN: 'boolean', json: 'json', jsonb: 'json', JSON: 'json',
    'timestamp with time zone': 'timestamp', 'timestamp without time zone': 'timestamp', TIMESTAMP: 'timestamp', date: 'timestamp',
    text: 'text', 'character varying': 'text', VARCHAR: 'text', uuid: 'text', interval: 'text', 'date[]': 'text',
  };
  for (const [sql, type] of Object.entries(cases)) assert.equal(columnTypeOf(sql), type, sql);
});

test('takes the table types in the configured order, or names every missing column', () => {
  const columns = resolveColumns({ table: 't', recordIdColumn: 'rid', columns: [{ name: 'qty' }, { name: 'at' }] });
  const existing = new Map([['at', 'date'], ['rid', 'uuid'], ['qty', 'integer'], ['other', 'text']]);
  assert.deepEqual(withTableTypes('t', columns, existing), [
    { name: 'rid', source: '$recordId', type: 'text', isRecordId: true, sqlType: 'uuid' },
    { name: 'qty', source: 'qty', type: 'bigint', isRecordId: false, sqlType: 'integer' },
    { name: 'at', source: 'at', type: 'timestamp', isRecordId: false, sqlType: 'date' },
  ]);
  assert.throws(() => withTableTypes('s.t', columns, new Map([['qty', 'integer']])), (err: unknown) =>
    err instanceof MissingColumnsError && err.message === 'table s.t has no column rid, at');
});
