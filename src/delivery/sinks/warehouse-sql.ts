// The two statements both warehouse sinks issue, built the same way for PostgreSQL and DuckDB: only
// the column types and the spelling of a parameter cast differ per dialect.

import type { ColumnType, ResolvedColumn } from './row-mapping.js';
import { quoteIdentifier } from './sql-identifier.js';

export interface SqlDialect {
  /** SQL type of each column type, for CREATE TABLE and casts. */
  readonly types: Readonly<Record<ColumnType, string>>;
  /** `$n` cast to `type`: `$1::jsonb` or `CAST($1 AS JSON)`. */
  cast(parameter: string, type: string): string;
}

/** CREATE TABLE IF NOT EXISTS with the record id column (if any) NOT NULL UNIQUE. */
export function createTableSql(quotedTable: string, columns: readonly ResolvedColumn[], dialect: SqlDialect): string {
  const defs = columns.map((c) => {
    const def = `${quoteIdentifier(c.name)} ${dialect.types[c.type]}`;
    return c.isRecordId ? `${def} NOT NULL UNIQUE` : def;
  });
  return `CREATE TABLE IF NOT EXISTS ${quotedTable} (${defs.join(', ')})`;
}

/** A multi-row INSERT of `rowCount` rows, each value cast to its column's type; idempotent with a record id column. */
export function insertSql(quotedTable: string, columns: readonly ResolvedColumn[], rowCount: number, dialect: SqlDialect): string {
  const names = columns.map((c) => quoteIdentifier(c.name)).join(', ');
  const width = columns.length;
  const tuples: string[] = [];
  for (let r = 0; r < rowCount; r++) {
    const params = columns.map((c, i) => dialect.cast(`$${r * width + i + 1}`, c.sqlType ?? dialect.types[c.type]));
    tuples.push(`(${params.join(', ')})`);
  }
  const id = columns.find((c) => c.isRecordId);
  const conflict = id === undefined ? '' : ` ON CONFLICT (${quoteIdentifier(id.name)}) DO NOTHING`;
  return `INSERT INTO ${quotedTable} (${names}) VALUES ${tuples.join(', ')}${conflict}`;
}
