// Parquet columns for JSON → Parquet conversion: Hive/Glue type names from a declared schema, or types
// inferred from the records, and the per-value coercion OpenX JSON SerDe performs (strings holding
// numbers/booleans are accepted; a value that cannot be coerced fails its record's conversion).

export type ParquetColumnType = 'STRING' | 'INT32' | 'INT64' | 'FLOAT' | 'DOUBLE' | 'BOOLEAN' | 'TIMESTAMP' | 'JSON';

export interface ParquetColumn {
  readonly name: string;
  readonly type: ParquetColumnType;
}

/** A column value ready for the writer; `undefined` means the record cannot be converted. */
export type ParquetValue = string | number | bigint | boolean | Date | null;

const HIVE_TYPES: Readonly<Record<string, ParquetColumnType>> = {
  string: 'STRING', varchar: 'STRING', char: 'STRING',
  tinyint: 'INT32', smallint: 'INT32', int: 'INT32', integer: 'INT32',
  bigint: 'INT64', float: 'FLOAT', double: 'DOUBLE', boolean: 'BOOLEAN', timestamp: 'TIMESTAMP',
};

/**
 * Maps a Hive/Glue column type (`string`, `int`, `bigint`, `double`, `varchar(10)`, `struct<…>`…) to a
 * Parquet column type, or returns undefined for a type we do not support. Complex types (struct,
 * array, map) are stored as JSON text.
 */
export function parquetTypeOfHiveType(hiveType: string): ParquetColumnType | undefined {
  const lower = hiveType.trim().toLowerCase();
  if (/^(struct|array|map|uniontype)\s*</.test(lower)) return 'JSON';
  return HIVE_TYPES[lower.replace(/\s*\(.*\)$/, '')];
}

/** Columns from a declared schema; throws a TypeError naming the first unsupported type. */
export function declaredColumns(schema: readonly { readonly name: string; readonly type: string }[]): ParquetColumn[] {
  return schema.map(({ name, type }) => {
    const parquetType = parquetTypeOfHiveType(type);
    if (parquetType === undefined) throw new TypeError(`Unsupported column type '${type}' for column '${name}'`);
    return { name, type: parquetType };
  });
}

/**
 * Columns inferred from parsed records: every top-level key in first-seen order; integers → INT64,
 * numbers → DOUBLE, booleans → BOOLEAN, objects/arrays → JSON, strings and mixtures → STRING.
 */
export function inferColumns(rows: readonly Readonly<Record<string, unknown>>[]): ParquetColumn[] {
  const kinds = new Map<string, Set<string>>();
  for (const row of rows) {
    for (const key in row) {
      let seen = kinds.get(key);
      if (seen === undefined) kinds.set(key, (seen = new Set()));
      const value = row[key];
      if (value === null || value === undefined) continue;
      seen.add(typeof value === 'number' ? (Number.isSafeInteger(value) ? 'int' : 'float') : typeof value === 'object' ? 'json' : typeof value);
    }
  }
  return [...kinds].map(([name, seen]) => ({ name, type: inferredType(seen) }));
}

function inferredType(seen: ReadonlySet<string>): ParquetColumnType {
  if (seen.size === 1) {
    const [only] = seen;
    if (only === 'int') return 'INT64';
    if (only === 'float') return 'DOUBLE';
    if (only === 'boolean') return 'BOOLEAN';
    if (only === 'json') return 'JSON';
  }
  if (seen.size === 2 && seen.has('int') && seen.has('float')) return 'DOUBLE';
  return 'STRING';
}

const INTEGER_TEXT = /^[+-]?\d+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Coerces one JSON value to the column's type; undefined when it cannot be. */
export function coerceValue(value: unknown, type: ParquetColumnType): ParquetValue | undefined {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'STRING':
      return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'JSON':
      return JSON.stringify(value);
    case 'INT32': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && INTEGER_TEXT.test(value.trim()) ? Number(value) : NaN;
      return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 ? n : undefined;
    }
    case 'INT64': {
      if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : undefined;
      if (typeof value !== 'string' || !INTEGER_TEXT.test(value.trim())) return undefined;
      const n = BigInt(value.trim());
      return n >= INT64_MIN && n <= INT64_MAX ? n : undefined;
    }
    case 'FLOAT':
    case 'DOUBLE': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      return Number.isNaN(n) ? undefined : n;
    }
    case 'BOOLEAN':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return undefined;
    case 'TIMESTAMP':
      return coerceTimestamp(value);
  }
}

/** Epoch milliseconds as a number, or ISO-8601 / `yyyy-MM-dd HH:mm:ss[.SSS]` text (UTC when no zone). */
function coerceTimestamp(value: unknown): Date | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value) : undefined;
  if (typeof value !== 'string') return undefined;
  let text = value.trim().replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T');
  if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) text += 'Z';
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
