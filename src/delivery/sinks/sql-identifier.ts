// Quoting of SQL identifiers for the warehouse sinks (PostgreSQL and DuckDB share the standard rule):
// table and column names come from configuration, so they are always quoted, never interpolated raw.

/** `"name"` with embedded quotes doubled. */
export function quoteIdentifier(name: string): string {
  if (name.length === 0 || name.includes('\0')) throw new Error(`invalid SQL identifier ${JSON.stringify(name)}`);
  return `"${name.replaceAll('"', '""')}"`;
}

/** A possibly schema-qualified table name (`schema.table`), each part quoted. */
export function quoteTableName(table: string): string {
  return table.split('.').map(quoteIdentifier).join('.');
}
