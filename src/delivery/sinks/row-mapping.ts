// How a delivered record becomes a warehouse row: the column list (name, source, type) shared by the
// PostgreSQL and DuckDB sinks, and the pure conversion of records to row values. Values are coerced
// here, never by the database, so a record with an odd field lands with NULL instead of blocking delivery.

import type { DeliveryRecord } from '../sink.js';

/** Column types, mapped to each dialect's SQL type by the sink. */
export type ColumnType = 'text' | 'bigint' | 'double' | 'boolean' | 'json' | 'timestamp';

export interface ColumnMapping {
  readonly name: string;
  /**
   * Where the value comes from: a dotted path into the JSON record (`customer.id`, leading `.` allowed,
   * array indexes as numbers), or `$recordId` (stream/shard/sequence identity), `$arrivalTimestamp`,
   * `$data` (the whole record as text), `$partitionKey.<key>`. Default: the column name as a field.
   */
  readonly source?: string;
  /** Default 'text'. */
  readonly type?: ColumnType;
}

/** The warehouse part of a PostgreSQL/DuckDB destination. */
export interface RowMappingOptions {
  readonly table: string;
  /** Column holding the record id; when set, inserts are idempotent (ON CONFLICT DO NOTHING). */
  readonly recordIdColumn?: string;
  /** Take the id from this JSON field of the record (falls back to `$recordId` when missing). */
  readonly recordIdField?: string;
  /** Default: record_id (or recordIdColumn) text, arrival_timestamp timestamp, data json. */
  readonly columns?: readonly ColumnMapping[];
}

export interface ResolvedColumn {
  readonly name: string;
  readonly source: string;
  readonly type: ColumnType;
  /** True for the record id column: never NULL, unique when idempotent. */
  readonly isRecordId: boolean;
  /** The existing table's own type for this column (the insert casts to it); absent: the sink's type for `type`. */
  readonly sqlType?: string;
}

export type RowValue = string | number | boolean | null;

/** Applies the defaults: the final ordered column list. */
export function resolveColumns(options: RowMappingOptions): ResolvedColumn[] {
  const idColumn = options.recordIdColumn;
  const idSource = options.recordIdField ?? '$recordId';
  const mappings: readonly ColumnMapping[] = options.columns ?? [
    { name: idColumn ?? 'record_id', source: idSource, type: 'text' },
    { name: 'arrival_timestamp', source: '$arrivalTimestamp', type: 'timestamp' },
    { name: 'data', source: '$data', type: 'json' },
  ];
  const columns = mappings.map((m) => ({
    name: m.name,
    source: m.name === idColumn && options.recordIdField !== undefined ? idSource : m.source ?? m.name,
    type: m.type ?? 'text',
    isRecordId: m.name === idColumn,
  }));
  if (idColumn !== undefined && !columns.some((c) => c.isRecordId)) {
    columns.unshift({ name: idColumn, source: idSource, type: 'text', isRecordId: true });
  }
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.name)) throw new Error(`duplicate column ${c.name}`);
    seen.add(c.name);
  }
  return columns;
}

/**
 * One row per record, in order. With an id column, later records whose id was already seen in
 * this batch are left out (the database would ignore them anyway).
 */
export function toRows(records: readonly DeliveryRecord[], columns: readonly ResolvedColumn[]): RowValue[][] {
  const idIndex = columns.findIndex((c) => c.isRecordId);
  const seen = new Set<string>();
  const rows: RowValue[][] = [];
  for (const record of records) {
    const text = record.data.toString('utf8');
    const json = parseJson(text);
    const row = columns.map((c) => convert(sourceValue(c.source, c.type, record, text, json), c.type, c.source === '$data'));
    if (idIndex >= 0) {
      const id = row[idIndex] ?? record.recordId;
      const key = String(id);
      if (seen.has(key)) continue;
      seen.add(key);
      row[idIndex] = typeof id === 'string' ? id : key;
    }
    rows.push(row);
  }
  return rows;
}

const NOT_JSON = Symbol('not-json');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

function sourceValue(source: string, type: ColumnType, record: DeliveryRecord, text: string, json: unknown): unknown {
  if (source === '$recordId') return record.recordId;
  if (source === '$arrivalTimestamp') return record.approximateArrivalTimestamp;
  if (source === '$data') return json === NOT_JSON || type !== 'json' ? text : json;
  if (source.startsWith('$partitionKey.')) return record.partitionKeys?.[source.slice('$partitionKey.'.length)];
  if (json === NOT_JSON) return undefined;
  let value: unknown = json;
  for (const part of source.replace(/^\./, '').split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function convert(value: unknown, type: ColumnType, wholeRecord: boolean): RowValue {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'text':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'json':
      return JSON.stringify(value);
    case 'bigint':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
      return typeof value === 'string' && /^-?\d{1,18}$/.test(value) ? value : null;
    case 'double': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n) ? n : null;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      return value === 'true' ? true : value === 'false' ? false : null;
    case 'timestamp': {
      const ms = typeof value === 'number' ? value : typeof value === 'string' && !wholeRecord ? Date.parse(value) : NaN;
      return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : null;
    }
  }
}
