// Group commit: appends queue up per shard; one loop writes every shard's pending batches (one
// writev per shard per round), fdatasyncs every dirty file in parallel, then acknowledges the
// whole round. Appends arriving meanwhile wait for the next round. The queue is bounded by bytes:
// admit() makes callers wait (backpressure) instead of letting memory grow.
import type { EncodedBatch } from './entry-codec.js';
import { LogClosedError } from './segment-errors.js';

/** Something the flusher writes to: a shard log. */
export interface FlushTarget {
  /** Writes the batches in order; resolves with the files that still need a sync. */
  write(batches: readonly EncodedBatch[]): Promise<readonly { sync(): Promise<void> }[]>;
  /** The batches are durable: make them visible. */
  commit(batches: readonly EncodedBatch[]): void;
  /** Writing or syncing failed; the batches are rejected. */
  fail(err: Error): void;
}

interface Pending {
  readonly batch: EncodedBatch;
  readonly reserved: number;
  readonly resolve: () => void;
  readonly reject: (err: Error) => void;
}

interface Exclusive {
  readonly run: () => Promise<void>;
}

export interface GroupCommitOptions {
  /** fdatasync before acknowledging (default true); without it rounds are still written in order. */
  readonly fsync: boolean;
  /** Bound on bytes admitted but not yet acknowledged. One batch larger than this is still admitted alone. */
  readonly maxPendingBytes: number;
}

export class GroupCommit {
  private pending = new Map<FlushTarget, Pending[]>();
  private syncWaiters: (() => void)[] = [];
  private readonly exclusives: Exclusive[] = [];
  private readonly admitWaiters: { bytes: number; resolve: () => void; reject: (err: Error) => void }[] = [];
  private reserved = 0;
  private running: Promise<void> | undefined;
  private inFlight: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly options: GroupCommitOptions) {}

  /** Bytes admitted and not yet acknowledged. */
  get pendingBytes(): number {
    return this.reserved;
  }

  /**
   * Reserves room for a batch of about `bytes`. Returns undefined when granted at once, else a
   * promise that resolves (in arrival order) once earlier rounds have freed enough room.
   */
  admit(bytes: number): Promise<void> | undefined {
    if (this.closed) throw new LogClosedError();
    if (this.admitWaiters.length === 0 && this.hasRoom(bytes)) {
      this.reserved += bytes;
      return undefined;
    }
    return new Promise((resolve, reject) => this.admitWaiters.push({ bytes, resolve, reject }));
  }

  /** Returns a reservation that will not be submitted. */
  release(bytes: number): void {
    this.reserved -= bytes;
    this.wake();
  }

  /** Queues an admitted batch; resolves once it is durable (written, and synced when fsync is on). */
  submit(target: FlushTarget, batch: EncodedBatch, reserved: number): Promise<void> {
    return new Promise((resolve, reject) => {
      let list = this.pending.get(target);
      if (list === undefined) this.pending.set(target, (list = []));
      list.push({ batch, reserved, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once every batch submitted before the call is acknowledged or rejected. */
  sync(): Promise<void> {
    if (this.pending.size > 0) return new Promise((resolve) => this.syncWaiters.push(resolve));
    return this.inFlight ?? Promise.resolve();
  }

  /** Runs `fn` between rounds (no write in flight), before the next round starts. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.exclusives.push({ run: () => fn().then(resolve, reject) });
      this.schedule();
    });
  }

  /** Flushes everything queued, then refuses new work. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.admitWaiters.splice(0)) w.reject(new LogClosedError());
    while (this.running !== undefined) await this.running;
  }

  private hasRoom(bytes: number): boolean {
    return this.reserved === 0 || this.reserved + bytes <= this.options.maxPendingBytes;
  }

  private wake(): void {
    while (this.admitWaiters.length > 0 && this.hasRoom(this.admitWaiters[0]!.bytes)) {
      const w = this.admitWaiters.shift()!;
      this.reserved += w.bytes;
      w.resolve();
    }
  }

  private schedule(): void {
    if (this.running !== undefined) return;
    this.running = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.loop());
  }

  private async loop(): Promise<void> {
    try {
      for (;;) {
        const exclusive = this.exclusives.shift();
        if (exclusive !== undefined) {
          await exclusive.run();
          continue;
        }
        if (this.pending.size === 0) break;
        const round = this.pending;
        const waiters = this.syncWaiters;
        this.pending = new Map();
        this.syncWaiters = [];
        this.inFlight = this.flush(round);
        await this.inFlight;
        this.inFlight = undefined;
        for (const w of waiters) w();
      }
    } finally {
      this.running = undefined;
    }
  }

  private async flush(round: Map<FlushTarget, Pending[]>): Promise<void> {
    await Promise.all(
      [...round].map(async ([target, items]) => {
        const batches = items.map((p) => p.batch);
        try {
          const dirty = await target.write(batches);
          if (this.options.fsync) await Promise.all(dirty.map((f) => f.sync()));
          target.commit(batches);
          for (const p of items) p.resolve();
        } catch (err) {
          const error = err instanceof Error ? err : new Error(String(err));
          target.fail(error);
          for (const p of items) p.reject(error);
        }
      }),
    );
    let freed = 0;
    for (const items of round.values()) for (const p of items) freed += p.reserved;
    this.release(freed);
  }
}
