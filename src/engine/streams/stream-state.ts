// The control-plane record of a stream, as kept in memory by the engine and persisted in the
// StateStore (collection "streams", key = stream name). JSON-safe: big numbers are strings.

export type StreamStatus = 'CREATING' | 'DELETING' | 'ACTIVE' | 'UPDATING';
export type StreamMode = 'PROVISIONED' | 'ON_DEMAND';

export interface ShardState {
  /** `shardId-000000000000` style id. */
  readonly shardId: string;
  /** The number in the shard id; unique within the stream, increasing with creation. */
  readonly index: number;
  readonly parentShardId?: string;
  readonly adjacentParentShardId?: string;
  /** Decimal strings, inclusive. */
  readonly hashKeyStart: string;
  readonly hashKeyEnd: string;
  /** Epoch ms at which the shard was created (embedded in its sequence numbers). */
  readonly createdAt: number;
  /** Set when the shard was closed by resharding (its last sequence number). */
  readonly endingSequenceNumber?: string;
  /** RecordLog key for this shard's records. */
  readonly logKey: string;
}

export interface StreamState {
  readonly name: string;
  /** Unique per incarnation: a deleted and re-created stream gets a new id (and new logs). */
  readonly id: string;
  readonly arn: string;
  readonly status: StreamStatus;
  readonly mode: StreamMode;
  /** Epoch ms. */
  readonly createdAt: number;
  /** When the current CREATING/DELETING/UPDATING status ends (epoch ms). */
  readonly statusUntil?: number;
  readonly retentionHours: number;
  readonly encryptionType: 'NONE' | 'KMS';
  readonly keyId?: string;
  readonly shardLevelMetrics: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  /** UpdateMaxRecordSize value in KiB (default 1024). */
  readonly maxRecordSizeKiB: number;
  /** UpdateStreamWarmThroughput target, MiB/s, when set. */
  readonly warmThroughputMiBps?: number;
  readonly shards: readonly ShardState[];
}
