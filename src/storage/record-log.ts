// RecordLog: the per-shard append-only log that holds every record of every stream.
// Embedded implementation: segment/ (segment files + sparse index + group commit).
// A distributed implementation (NATS JetStream) must pass the same contract suite in test/contract/.

/** A record as handed to the log by the engine. */
export interface AppendRecord {
  readonly partitionKey: string;
  readonly data: Uint8Array;
  /** Decimal string, present only when the producer gave an ExplicitHashKey. */
  readonly explicitHashKey?: string;
}

/** A record as read back from the log. */
export interface StoredRecord {
  /** Position in the shard: 0 for the first record ever appended, then +1 per record, never reused. */
  readonly offset: number;
  /** Arrival time in epoch ms; non-decreasing with offset within a shard. */
  readonly timestamp: number;
  readonly partitionKey: string;
  readonly data: Buffer;
  readonly explicitHashKey?: string;
}

export interface AppendResult {
  /** Offset of the first appended record; the rest follow consecutively. */
  readonly firstOffset: number;
  /** Arrival timestamp stored for every record of the batch (see append). */
  readonly timestamp: number;
}

export interface ReadOptions {
  /** Maximum number of records returned (>= 1). */
  readonly maxRecords: number;
  /**
   * Maximum total bytes of `data` returned. At least one record is always returned when one
   * exists at or after `fromOffset`, even if it alone exceeds the cap.
   */
  readonly maxBytes: number;
}

export interface ReadResult {
  readonly records: readonly StoredRecord[];
  /** Offset to continue from: one past the last returned record, or the effective start offset when none were returned. */
  readonly nextOffset: number;
  /**
   * Hands the memory behind the records' `data` back to the log for reuse by later reads.
   * Optional to call (memory not released is left to the garbage collector); call it at most once,
   * and only when nothing reads these records or any view of their data any more.
   */
  readonly release?: () => void;
}

export interface ShardBounds {
  /** First offset still stored (records before it were trimmed). Equals endOffset when the shard is empty. */
  readonly startOffset: number;
  /** Offset the next appended record will get. */
  readonly endOffset: number;
  /** Timestamp of the last appended record, or undefined when nothing was ever appended. */
  readonly lastTimestamp: number | undefined;
  readonly sealed: boolean;
}

/**
 * Durable per-shard record storage. Shards are named by an opaque key chosen by the engine
 * (filesystem-safe: [A-Za-z0-9_-] and '/' as separator).
 *
 * Invariants every implementation keeps:
 * - Offsets within a shard start at 0 and increase by exactly 1 per record, across restarts.
 * - A promise returned by append resolves only once the records are durable (fsync/replicated);
 *   records whose append did not resolve may be lost by a crash, but never appear partially.
 * - Timestamps are non-decreasing with offset (an append older than the shard's last timestamp
 *   is stored with the last timestamp instead).
 */
export interface RecordLog {
  /** Opens the log, recovering any shard found in storage (a torn or corrupt tail is truncated). */
  open(): Promise<void>;
  /** Creates an empty shard. Idempotent: an existing shard is left as it is. */
  createShard(shard: string): Promise<void>;
  /** Whether the shard exists. */
  hasShard(shard: string): boolean;
  /** Shard keys currently stored, in no particular order. */
  listShards(): string[];
  /**
   * Appends records to a shard, all with arrival time `timestamp` (clamped to be non-decreasing).
   * Resolves when durable. Many concurrent appends, to one or many shards, share one flush.
   * Rejects with ShardSealedError when the shard is sealed, ShardNotFoundError when missing.
   */
  append(shard: string, records: readonly AppendRecord[], timestamp: number): Promise<AppendResult>;
  /** Reads records at or after `fromOffset` (clamped up to startOffset), in offset order. */
  read(shard: string, fromOffset: number, options: ReadOptions): Promise<ReadResult>;
  /** The first offset whose timestamp is >= `timestamp`, or endOffset when there is none. */
  offsetForTimestamp(shard: string, timestamp: number): Promise<number>;
  /** Current bounds of a shard (in memory, cheap). Throws ShardNotFoundError when missing. */
  bounds(shard: string): ShardBounds;
  /**
   * Reclaims storage of records older than `timestamp` in whole units (segments). Records may
   * remain readable until their unit is removed; the engine filters by retention on read.
   */
  trimBefore(shard: string, timestamp: number): Promise<void>;
  /** Marks a shard read-only (after a split or merge). Idempotent. */
  seal(shard: string): Promise<void>;
  /** Deletes a shard and all its data. Idempotent. */
  deleteShard(shard: string): Promise<void>;
  /** Flushes and closes everything. Pending appends resolve or reject before this resolves. */
  close(): Promise<void>;
}

export class ShardNotFoundError extends Error {
  constructor(readonly shard: string) {
    super(`shard ${shard} does not exist`);
    this.name = 'ShardNotFoundError';
  }
}

export class ShardSealedError extends Error {
  constructor(readonly shard: string) {
    super(`shard ${shard} is sealed`);
    this.name = 'ShardSealedError';
  }
}
