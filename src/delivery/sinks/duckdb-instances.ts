// Shared, reference-counted DuckDB database handles: one DuckDB instance per file in this process
// (a second instance on the same file would conflict), closed when its last user lets go.

import { DuckDBInstance } from '@duckdb/node-api';
import { resolve } from 'node:path';

interface Entry {
  readonly instance: Promise<DuckDBInstance>;
  refs: number;
}

const open = new Map<string, Entry>();

/** A handle on the database at `path` (created when missing); call release() exactly once when done. */
export interface DuckDbHandle {
  readonly instance: DuckDBInstance;
  release(): void;
}

export async function acquireDuckDb(path: string): Promise<DuckDbHandle> {
  const key = resolve(path);
  let entry = open.get(key);
  if (entry === undefined) {
    entry = { instance: DuckDBInstance.create(key), refs: 0 };
    open.set(key, entry);
    const created = entry;
    created.instance.catch(() => {
      if (open.get(key) === created) open.delete(key);
    });
  }
  entry.refs++;
  const held = entry;
  let instance: DuckDBInstance;
  try {
    instance = await held.instance;
  } catch (err) {
    held.refs--;
    throw err;
  }
  let released = false;
  return {
    instance,
    release: () => {
      if (released) return;
      released = true;
      held.refs--;
      if (held.refs === 0 && open.get(key) === held) {
        open.delete(key);
        instance.closeSync();
      }
    },
  };
}
