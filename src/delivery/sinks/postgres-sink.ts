// The PostgreSQL destination (the warehouse): one transaction per delivered buffer, rows inserted with
// multi-row INSERTs; with a record id column the insert is `ON CONFLICT (<id>) DO NOTHING`, so a
// redelivered buffer never duplicates rows (effectively-once). Creates the table when missing; an
// existing table's column types are read once and used for coercion and the insert casts.

import pg from 'pg';
import type { Sink, SinkBatch } from '../sink.js';
import { resolveColumns, toRows, type ResolvedColumn, type RowMappingOptions } from './row-mapping.js';
import { quoteTableName } from './sql-identifier.js';
import { withTableTypes } from './table-columns.js';
import { createTableSql, insertSql, type SqlDialect } from './warehouse-sql.js';

export interface PostgresSinkOptions extends RowMappingOptions {
  /** `postgres://user:pass@host:port/db`. */
  readonly connectionString: string;
  /** CREATE TABLE IF NOT EXISTS before the first insert (default true). */
  readonly createTable?: boolean;
  /** Connections kept open (default 2). */
  readonly maxConnections?: number;
}

const DIALECT: SqlDialect = {
  types: {
    text: 'text',
    bigint: 'bigint',
    double: 'double precision',
    boolean: 'boolean',
    json: 'jsonb',
    timestamp: 'timestamptz',
  },
  cast: (parameter, type) => `${parameter}::${type}`,
};

/** PostgreSQL caps a statement at 65535 bind parameters. */
const MAX_PARAMETERS = 65535;
const MAX_ROWS_PER_INSERT = 1000;

export class PostgresSink implements Sink {
  readonly #pool: pg.Pool;
  readonly #table: string;
  readonly #tableName: string;
  #columns: readonly ResolvedColumn[];
  readonly #createTable: boolean;
  #tableReady: Promise<void> | undefined;

  constructor(options: PostgresSinkOptions) {
    this.#table = quoteTableName(options.table);
    this.#tableName = options.table;
    this.#columns = resolveColumns(options);
    this.#createTable = options.createTable ?? true;
    this.#pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 2,
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
    });
    // An idle connection dropped by the server: the next deliver() reconnects or rejects, and the pipeline retries.
    this.#pool.on('error', () => undefined);
  }

  /** Inserts the batch's records in one transaction; resolves once committed. */
  async deliver(batch: SinkBatch): Promise<void> {
    if (batch.records.length === 0) return;
    await this.#ensureTable();
    const rows = toRows(batch.records, this.#columns);
    if (rows.length === 0) return;
    const client = await this.#pool.connect();
    // A connection lost mid-transaction is reported both as the query's rejection and as an 'error' event.
    const ignore = (): void => undefined;
    client.on('error', ignore);
    let failure: Error | undefined;
    try {
      await client.query('BEGIN');
      const perInsert = Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / this.#columns.length));
      for (let i = 0; i < rows.length; i += perInsert) {
        const chunk = rows.slice(i, i + perInsert);
        await client.query(insertSql(this.#table, this.#columns, chunk.length, DIALECT), chunk.flat());
      }
      await client.query('COMMIT');
    } catch (err) {
      failure = err instanceof Error ? err : new Error(String(err));
      await client.query('ROLLBACK').catch(() => undefined);
      throw failure;
    } finally {
      client.off('error', ignore);
      client.release(failure);
    }
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  #ensureTable(): Promise<void> {
    this.#tableReady ??= this.#prepareTable().then(
      () => undefined,
      (err: unknown) => {
        this.#tableReady = undefined;
        throw err;
      },
    );
    return this.#tableReady;
  }

  /** Reads the existing table's column types once (exact names; type modifiers left out), else creates it. */
  async #prepareTable(): Promise<void> {
    const existing = await this.#pool.query<{ name: string; type: string }>({
      text: 'SELECT a.attname AS name, format_type(a.atttypid, NULL) AS type FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped',
      values: [this.#table],
    });
    if (existing.rows.length > 0) {
      this.#columns = withTableTypes(this.#tableName, this.#columns, new Map(existing.rows.map((r) => [r.name, r.type])));
      return;
    }
    if (this.#createTable) await this.#pool.query(createTableSql(this.#table, this.#columns, DIALECT));
  }
}

