// Hive type mapping, schema inference and per-value coercion for Parquet conversion.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { coerceValue, inferColumns, parquetTypeOfHiveType } from './parquet-column.js';

describe('parquetTypeOfHiveType', () => {
  test('maps Hive/Glue primitive, parameterised and complex types', () => {
    assert.deepEqual(
      ['string', 'VARCHAR(20)', 'char(2)', 'tinyint', 'int', 'bigint', 'float', 'double', 'boolean', 'timestamp', 'array<string>', 'struct<a:int>', 'map<string,int>'].map(parquetTypeOfHiveType),
      ['STRING', 'STRING', 'STRING', 'INT32', 'INT32', 'INT64', 'FLOAT', 'DOUBLE', 'BOOLEAN', 'TIMESTAMP', 'JSON', 'JSON', 'JSON'],
    );
  });

  test('returns undefined for unsupported types', () => {
    assert.deepEqual(['date', 'decimal(10,2)', 'binary', ''].map(parquetTypeOfHiveType), [undefined, undefined, undefined, undefined]);
  });
});

describe('inferColumns', () => {
  test('keeps first-seen key order and widens int + float to DOUBLE; all-null columns are STRING', () => {
    assert.deepEqual(inferColumns([{ b: 1, a: null }, { a: null, b: 1.5, c: 'x' }]), [
      { name: 'b', type: 'DOUBLE' },
      { name: 'a', type: 'STRING' },
      { name: 'c', type: 'STRING' },
    ]);
  });

  test('integers beyond 2^53 infer DOUBLE', () => {
    assert.deepEqual(inferColumns([{ n: 2 ** 60 }]), [{ name: 'n', type: 'DOUBLE' }]);
  });
});

describe('coerceValue', () => {
  test('null and missing values stay null for every type', () => {
    assert.deepEqual([coerceValue(null, 'INT32'), coerceValue(undefined, 'STRING')], [null, null]);
  });

  test('INT64 accepts integer text beyond 2^53 exactly and refuses values outside 64 bits', () => {
    assert.equal(coerceValue('9223372036854775807', 'INT64'), 9223372036854775807n);
    assert.equal(coerceValue('9223372036854775808', 'INT64'), undefined);
    assert.equal(coerceValue(1.5, 'INT64'), undefined);
  });

  test('numbers accept numeric text, booleans accept "true"/"false" only', () => {
    assert.deepEqual([coerceValue('2.5', 'DOUBLE'), coerceValue('', 'DOUBLE'), coerceValue('yes', 'BOOLEAN'), coerceValue('false', 'BOOLEAN')], [2.5, undefined, undefined, false]);
  });

  test('timestamps from epoch milliseconds, ISO-8601 with zone, or Hive text read as UTC', () => {
    assert.deepEqual(coerceValue(1535365805000, 'TIMESTAMP'), new Date('2018-08-27T10:30:05.000Z'));
    assert.deepEqual(coerceValue('2018-08-27T12:30:05+02:00', 'TIMESTAMP'), new Date('2018-08-27T10:30:05.000Z'));
    assert.deepEqual(coerceValue('2018-08-27 10:30:05.123', 'TIMESTAMP'), new Date('2018-08-27T10:30:05.123Z'));
    assert.equal(coerceValue('yesterday', 'TIMESTAMP'), undefined);
  });
});
