// Durable per-shard checkpoints of event source mappings (StateStore collection
// "mapping-checkpoints", key `<uuid>/<shardId>`). Saves from every mapping and shard share one
// commit (group commit): the first save after a quiet spell is written on the next turn, later
// ones at most once per minIntervalMs, so under load a commit (an fsync) covers many batches.
// save() resolves only once its checkpoint is durable: a lane waits for it before its next batch.

import type { Logger } from 'pino';
import type { StateOp, StateStore } from '../../storage/state-store.js';

export const CHECKPOINT_COLLECTION = 'mapping-checkpoints';
const RETRY_AFTER_FAILURE_MS = 1000;

export interface ShardCheckpoint {
  /** Incarnation of the stream (StreamState.id); a checkpoint of an older incarnation is ignored. */
  readonly streamId: string;
  /** Offset to resume reading at: every record before it is done (processed, filtered or discarded). */
  readonly position: number;
  /** The shard is closed and all its records are done: its children may start. */
  readonly finished?: boolean;
}

export class CheckpointStore {
  private readonly current = new Map<string, ShardCheckpoint>();
  private dirty = new Map<string, ShardCheckpoint>();
  private waiters: (() => void)[] = [];
  private running: Promise<void> | undefined;
  private scheduled = false;
  private readonly dropped = new Set<string>();

  private lastCommit = -Infinity;

  constructor(
    private readonly store: StateStore,
    private readonly logger: Logger,
    /** Minimum time between two commits (real time). */
    private readonly minIntervalMs = 0,
  ) {}

  /** Loads the stored checkpoints of a mapping (call before get). */
  async load(uuid: string): Promise<void> {
    for (const entry of await this.store.list<ShardCheckpoint>(CHECKPOINT_COLLECTION, { prefix: `${uuid}/` })) {
      if (!this.current.has(entry.key)) this.current.set(entry.key, entry.value);
    }
  }

  /** The latest checkpoint saved (durable or not yet) for a shard of a mapping. */
  get(uuid: string, shardId: string): ShardCheckpoint | undefined {
    return this.current.get(`${uuid}/${shardId}`);
  }

  /**
   * Records a checkpoint and resolves once it (or a later one for the same shard) is durable.
   * A failed commit is logged and retried later; the promise then resolves anyway (a lost
   * checkpoint only means records are delivered again). Ignored for a dropped mapping.
   */
  save(uuid: string, shardId: string, checkpoint: ShardCheckpoint): Promise<void> {
    if (this.dropped.has(uuid)) return Promise.resolve();
    const key = `${uuid}/${shardId}`;
    this.current.set(key, checkpoint);
    this.dirty.set(key, checkpoint);
    return new Promise<void>((resolve) => {
      this.waiters.push(resolve);
      this.schedule(this.lastCommit + this.minIntervalMs - performance.now());
    });
  }

  /** Writes every pending checkpoint now; resolves when they are durable (or the write failed). */
  flush(): Promise<void> {
    if (this.running === undefined) {
      if (this.dirty.size === 0) return Promise.resolve();
      this.running = this.drain().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  /** Deletes every checkpoint of a mapping (after it was removed); later saves for it are ignored. */
  async drop(uuid: string): Promise<void> {
    this.dropped.add(uuid);
    await this.flush();
    const prefix = `${uuid}/`;
    for (const key of [...this.current.keys()]) if (key.startsWith(prefix)) this.current.delete(key);
    for (const key of [...this.dirty.keys()]) if (key.startsWith(prefix)) this.dirty.delete(key);
    const stored = await this.store.list(CHECKPOINT_COLLECTION, { prefix });
    if (stored.length > 0) {
      await this.store.commit(stored.map((e): StateOp => ({ kind: 'delete', collection: CHECKPOINT_COLLECTION, key: e.key })));
    }
  }

  private schedule(delayMs: number): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = (): void => {
      this.scheduled = false;
      void this.flush();
    };
    if (delayMs <= 0) setImmediate(run);
    else setTimeout(run, delayMs); // not unref'd: savers are waiting for this commit
  }

  private async drain(): Promise<void> {
    while (this.dirty.size > 0) {
      const batch = this.dirty;
      const waiters = this.waiters;
      this.dirty = new Map();
      this.waiters = [];
      const ops: StateOp[] = [...batch].map(([key, value]) => ({ kind: 'put', collection: CHECKPOINT_COLLECTION, key, value }));
      try {
        this.lastCommit = performance.now();
        await this.store.commit(ops);
      } catch (err) {
        this.logger.error({ err, count: ops.length }, 'saving mapping checkpoints failed; retrying');
        for (const [key, value] of batch) if (!this.dirty.has(key)) this.dirty.set(key, value);
        for (const resolve of waiters) resolve();
        this.schedule(RETRY_AFTER_FAILURE_MS); // nobody waits for the retry (waiters were resolved)
        return;
      }
      for (const resolve of waiters) resolve();
    }
  }
}
