// StateStore: the control plane's durable key/value store (streams, shards, consumers, settings,
// later functions, mappings, checkpoints, leases, queues). Embedded: SQLite (sqlite/).
// A distributed implementation (JetStream KV or PostgreSQL) must pass test/contract/state-store.

export interface StateEntry<T> {
  readonly key: string;
  readonly value: T;
  /** Starts at 1 on creation and increases by 1 on every put. */
  readonly version: number;
}

export type StateOp =
  | {
      readonly kind: 'put';
      readonly collection: string;
      readonly key: string;
      /** Any JSON-serializable value (no bigint, no Buffer). */
      readonly value: unknown;
      /** When set: 0 means "must not exist", n means "current version must be n". */
      readonly expectedVersion?: number;
    }
  | {
      readonly kind: 'delete';
      readonly collection: string;
      readonly key: string;
      readonly expectedVersion?: number;
    };

export interface ListOptions {
  /** Only keys starting with this prefix. */
  readonly prefix?: string;
  /** Only keys strictly greater than this one (for paging). */
  readonly startAfter?: string;
  readonly limit?: number;
}

/**
 * Durable, transactional key/value store organised in collections. Values are JSON documents.
 * Contract: commit applies all ops or none; a commit whose expectedVersion check fails rejects
 * with VersionConflictError and changes nothing; a resolved commit survives kill -9.
 */
export interface StateStore {
  open(): Promise<void>;
  get<T>(collection: string, key: string): Promise<StateEntry<T> | undefined>;
  /** Entries in ascending key order (binary string order). */
  list<T>(collection: string, options?: ListOptions): Promise<StateEntry<T>[]>;
  /** Applies ops atomically. */
  commit(ops: readonly StateOp[]): Promise<void>;
  close(): Promise<void>;
}

export class VersionConflictError extends Error {
  constructor(readonly collection: string, readonly key: string) {
    super(`version conflict on ${collection}/${key}`);
    this.name = 'VersionConflictError';
  }
}
