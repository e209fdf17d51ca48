// Record → row conversion shared by the warehouse sinks (pure, no database).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveColumns, toRows } from './row-mapping.js';

const rec = (recordId: string, data: string, partitionKeys?: Record<string, string>) => ({
  recordId,
  data: Buffer.from(data),
  approximateArrivalTimestamp: 1_000,
  ...(partitionKeys === undefined ? {} : { partitionKeys }),
});

describe('resolveColumns', () => {
  test('defaults to record id, arrival timestamp and data', () => {
    assert.deepEqual(resolveColumns({ table: 't', recordIdColumn: 'id', recordIdField: 'k' }), [
      { name: 'id', source: 'k', type: 'text', isRecordId: true },
      { name: 'arrival_timestamp', source: '$arrivalTimestamp', type: 'timestamp', isRecordId: false },
      { name: 'data', source: '$data', type: 'json', isRecordId: false },
    ]);
  });

  test('adds a missing record id column first and refuses duplicate names', () => {
    assert.deepEqual(resolveColumns({ table: 't', recordIdColumn: 'rid', columns: [{ name: 'v', type: 'bigint' }] }), [
      { name: 'rid', source: '$recordId', type: 'text', isRecordId: true },
      { name: 'v', source: 'v', type: 'bigint', isRecordId: false },
    ]);
    assert.throws(() => resolveColumns({ table: 't', columns: [{ name: 'a' }, { name: 'a' }] }), /^Error: duplicate column a$/);
  });
});

describe('toRows', () => {
  test('reads paths, array indexes, partition keys and coerces by type', () => {
    const columns = resolveColumns({
      table: 't',
      columns: [
        { name: 'first', source: 'items.0.sku' },
        { name: 'tenant', source: '$partitionKey.tenant' },
        { name: 'obj', source: 'items', type: 'text' },
        { name: 'big', source: 'n', type: 'bigint' },
        { name: 'ms', source: 'ms', type: 'timestamp' },
        { name: 'raw', source: '$data', type: 'text' },
      ],
    });
    const data = '{"items":[{"sku":"A"}],"n":"-42","ms":0}';
    assert.deepEqual(toRows([rec('r', data, { tenant: 't1' })], columns), [['A', 't1', '[{"sku":"A"}]', '-42', '1970-01-01T00:00:00.000Z', data]]);
    assert.deepEqual(toRows([rec('r', '{"n":1e300,"ms":"x"}')], columns), [[null, null, null, null, null, '{"n":1e300,"ms":"x"}']]);
  });

  test('deduplicates by id within a batch, falling back to the record id when the field is missing', () => {
    const columns = resolveColumns({ table: 't', recordIdColumn: 'id', recordIdField: 'k', columns: [{ name: 'id' }, { name: 'v', type: 'double' }] });
    const rows = toRows([rec('a', '{"k":"x","v":1}'), rec('b', '{"k":"x","v":2}'), rec('c', '{"v":"3.5"}'), rec('c', '{}'), rec('d', '{"k":7}')], columns);
    assert.deepEqual(rows, [['x', 1], ['c', 3.5], ['7', null]]);
  });
});
