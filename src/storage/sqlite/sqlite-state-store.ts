// SqliteStateStore: the embedded StateStore, one SQLite file (better-sqlite3) holding every
// collection in a single table. Control-plane writes are rare, so durability wins over speed.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import {
  VersionConflictError,
  type ListOptions,
  type StateEntry,
  type StateOp,
  type StateStore,
} from '../state-store.js';

export interface SqliteStateStoreOptions {
  /** File path of the database, or ':memory:' for a store that lives as long as the process. */
  readonly path: string;
}

interface Row {
  readonly key: string;
  readonly version: number;
  readonly value: string;
}

interface Statements {
  readonly get: Statement<[string, string], Row>;
  readonly listFrom: Statement<[string, string], Row>;
  readonly listAfter: Statement<[string, string], Row>;
  readonly insert: Statement<[string, string, number, string]>;
  readonly update: Statement<[number, string, string, string]>;
  readonly remove: Statement<[string, string]>;
}

/**
 * Durability: WAL journal with synchronous=FULL, so a commit is fsynced to the WAL before
 * `commit` resolves and survives kill -9 and power loss alike (NORMAL+WAL would survive a
 * process crash but could lose the last commits on power loss; control-plane writes are too
 * rare for the difference in speed to matter). Each commit is one SQLite transaction
 * (BEGIN IMMEDIATE), so its ops apply all or none.
 */
export class SqliteStateStore implements StateStore {
  private db: SqliteDatabase | undefined;
  private statements: Statements | undefined;

  constructor(private readonly options: SqliteStateStoreOptions) {}

  async open(): Promise<void> {
    if (this.db) return;
    const { path } = this.options;
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(
      `CREATE TABLE IF NOT EXISTS entries (
         collection TEXT NOT NULL,
         key TEXT NOT NULL,
         version INTEGER NOT NULL,
         value TEXT NOT NULL,
         PRIMARY KEY (collection, key)
       ) WITHOUT ROWID`,
    );
    this.statements = {
      get: db.prepare('SELECT key, version, value FROM entries WHERE collection = ? AND key = ?'),
      listFrom: db.prepare('SELECT key, version, value FROM entries WHERE collection = ? AND key >= ? ORDER BY key'),
      listAfter: db.prepare('SELECT key, version, value FROM entries WHERE collection = ? AND key > ? ORDER BY key'),
      insert: db.prepare('INSERT INTO entries (collection, key, version, value) VALUES (?, ?, ?, ?)'),
      update: db.prepare('UPDATE entries SET version = ?, value = ? WHERE collection = ? AND key = ?'),
      remove: db.prepare('DELETE FROM entries WHERE collection = ? AND key = ?'),
    };
    this.db = db;
  }

  async get<T>(collection: string, key: string): Promise<StateEntry<T> | undefined> {
    const row = this.prepared().get.get(collection, key);
    return row === undefined ? undefined : toEntry<T>(row);
  }

  async list<T>(collection: string, options: ListOptions = {}): Promise<StateEntry<T>[]> {
    const { prefix = '', startAfter, limit = Infinity } = options;
    if (limit <= 0) return [];
    // Keys are compared by SQLite's BINARY collation (UTF-8 bytes, i.e. code point order), in
    // which the keys sharing a prefix are contiguous: stop at the first one that does not.
    const rows =
      startAfter !== undefined && startAfter >= prefix
        ? this.prepared().listAfter.iterate(collection, startAfter)
        : this.prepared().listFrom.iterate(collection, prefix);
    const out: StateEntry<T>[] = [];
    for (const row of rows) {
      if (!row.key.startsWith(prefix) || out.length >= limit) break;
      out.push(toEntry<T>(row));
    }
    return out;
  }

  async commit(ops: readonly StateOp[]): Promise<void> {
    const db = this.database();
    const s = this.prepared();
    const apply = db.transaction((batch: readonly StateOp[]) => {
      for (const op of batch) {
        const current = s.get.get(op.collection, op.key);
        const currentVersion = current?.version ?? 0;
        if (op.expectedVersion !== undefined && op.expectedVersion !== currentVersion) {
          throw new VersionConflictError(op.collection, op.key);
        }
        if (op.kind === 'put') {
          const value = JSON.stringify(op.value);
          if (value === undefined) throw new TypeError(`value for ${op.collection}/${op.key} is not JSON-serializable`);
          if (current === undefined) s.insert.run(op.collection, op.key, 1, value);
          else s.update.run(currentVersion + 1, value, op.collection, op.key);
        } else if (current !== undefined) {
          s.remove.run(op.collection, op.key);
        }
      }
    });
    apply.immediate(ops);
  }

  async close(): Promise<void> {
    const db = this.db;
    this.db = undefined;
    this.statements = undefined;
    db?.close();
  }

  private database(): SqliteDatabase {
    if (!this.db) throw new Error('SqliteStateStore is not open');
    return this.db;
  }

  private prepared(): Statements {
    if (!this.statements) throw new Error('SqliteStateStore is not open');
    return this.statements;
  }
}

function toEntry<T>(row: Row): StateEntry<T> {
  return { key: row.key, version: row.version, value: JSON.parse(row.value) as T };
}

