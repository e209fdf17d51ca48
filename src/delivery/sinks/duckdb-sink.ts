// The DuckDB destination (embedded analytics warehouse, one database file): one transaction per
// delivered buffer, multi-row INSERTs; with a record id column the insert is
// `ON CONFLICT (<id>) DO NOTHING`, so a redelivered buffer never duplicates rows. Creates the table
// when missing; an existing table's column types are read once and used for coercion and casts.

import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Sink, SinkBatch } from '../sink.js';
import { acquireDuckDb, type DuckDbHandle } from './duckdb-instances.js';
import { resolveColumns, toRows, type ResolvedColumn, type RowMappingOptions } from './row-mapping.js';
import { quoteTableName } from './sql-identifier.js';
import { withTableTypes } from './table-columns.js';
import { createTableSql, insertSql, type SqlDialect } from './warehouse-sql.js';

export interface DuckDbSinkOptions extends RowMappingOptions {
  /** Path of the database file (created when missing). */
  readonly path: string;
  /** CREATE TABLE IF NOT EXISTS before the first insert (default true). */
  readonly createTable?: boolean;
}

const DIALECT: SqlDialect = {
  types: {
    text: 'VARCHAR',
    bigint: 'BIGINT',
    double: 'DOUBLE',
    boolean: 'BOOLEAN',
    json: 'JSON',
    timestamp: 'TIMESTAMPTZ',
  },
  cast: (parameter, type) => `CAST(${parameter} AS ${type})`,
};

const ROWS_PER_INSERT = 500;

export class DuckDbSink implements Sink {
  readonly #path: string;
  readonly #table: string;
  readonly #tableName: string;
  #columns: readonly ResolvedColumn[];
  readonly #createTable: boolean;
  #open: Promise<{ handle: DuckDbHandle; connection: DuckDBConnection }> | undefined;
  /** Deliveries run one at a time on the sink's connection. */
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(options: DuckDbSinkOptions) {
    this.#path = options.path;
    this.#table = quoteTableName(options.table);
    this.#tableName = options.table;
    this.#columns = resolveColumns(options);
    this.#createTable = options.createTable ?? true;
  }

  /** Inserts the batch's records in one transaction; resolves once committed. */
  deliver(batch: SinkBatch): Promise<void> {
    const run = this.#queue.then(() => this.#deliver(batch));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#queue;
    const opened = this.#open;
    this.#open = undefined;
    if (opened === undefined) return;
    const { handle, connection } = await opened.catch(() => ({ handle: undefined, connection: undefined }));
    connection?.closeSync();
    handle?.release();
  }

  async #deliver(batch: SinkBatch): Promise<void> {
    if (this.#closed) throw new Error('DuckDB sink is closed');
    if (batch.records.length === 0) return;
    const { connection } = await this.#connection();
    const rows = toRows(batch.records, this.#columns);
    if (rows.length === 0) return;
    await connection.run('BEGIN TRANSACTION');
    try {
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        const chunk = rows.slice(i, i + ROWS_PER_INSERT);
        await connection.run(insertSql(this.#table, this.#columns, chunk.length, DIALECT), chunk.flat() as DuckDBValue[]);
      }
      await connection.run('COMMIT');
    } catch (err) {
      await connection.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  #connection(): Promise<{ handle: DuckDbHandle; connection: DuckDBConnection }> {
    this.#open ??= (async () => {
      await mkdir(dirname(this.#path), { recursive: true });
      const handle = await acquireDuckDb(this.#path);
      try {
        const connection = await handle.instance.connect();
        await this.#prepareTable(connection);
        return { handle, connection };
      } catch (err) {
        handle.release();
        throw err;
      }
    })();
    const opening = this.#open;
    opening.catch(() => {
      if (this.#open === opening) this.#open = undefined;
    });
    return opening;
  }

  /** Reads the existing table's column types (exact names), else creates it. */
  async #prepareTable(connection: DuckDBConnection): Promise<void> {
    const parts = this.#tableName.split('.');
    const name = parts.pop()!;
    const schema = parts.length > 0 ? '$2' : 'current_schema()';
    const reader = await connection.runAndReadAll(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 AND table_schema = ${schema} ORDER BY ordinal_position`,
      parts.length > 0 ? [name, parts.join('.')] : [name],
    );
    const existing = reader.getRows().map(([column, type]) => [String(column), String(type)] as const);
    if (existing.length > 0) {
      this.#columns = withTableTypes(this.#tableName, this.#columns, new Map(existing));
      return;
    }
    if (this.#createTable) await connection.run(createTableSql(this.#table, this.#columns, DIALECT));
  }
}
