// Adapting the warehouse sinks' column list to a table that already exists: each column takes the
// table's own SQL type (used as the insert cast) and the coercion type closest to it, so a
// pre-created typed table (integers, dates, numerics, ...) works. Columns the table lacks are an error.

import type { ColumnType, ResolvedColumn } from './row-mapping.js';

/** The coercion type for a database type name (PostgreSQL `format_type` or DuckDB `data_type`). */
export function columnTypeOf(sqlType: string): ColumnType {
  const t = sqlType.toLowerCase().trim();
  if (/^(u?(tiny|small|big|huge)?int(eger)?\d*|int[248]|serial\d*|bigserial)\b/.test(t)) return 'bigint';
  if (/^(numeric|decimal|real|double|float)/.test(t)) return 'double';
  if (/^bool/.test(t)) return 'boolean';
  if (/^jsonb?$/.test(t)) return 'json';
  if (/^(timestamp|date$)/.test(t)) return 'timestamp';
  return 'text';
}

/** Thrown when an existing table lacks configured columns; the delivery fails and is retried. */
export class MissingColumnsError extends Error {
  constructor(readonly table: string, readonly columns: readonly string[]) {
    super(`table ${table} has no column ${columns.join(', ')}`);
    this.name = 'MissingColumnsError';
  }
}

/**
 * `columns` with the types of the existing table described by `existing` (column name → SQL type,
 * exact names). Throws MissingColumnsError naming every configured column the table does not have.
 */
export function withTableTypes(table: string, columns: readonly ResolvedColumn[], existing: ReadonlyMap<string, string>): ResolvedColumn[] {
  const missing = columns.filter((c) => !existing.has(c.name)).map((c) => c.name);
  if (missing.length > 0) throw new MissingColumnsError(table, missing);
  return columns.map((c) => {
    const sqlType = existing.get(c.name)!;
    return { ...c, type: columnTypeOf(sqlType), sqlType };
  });
}
