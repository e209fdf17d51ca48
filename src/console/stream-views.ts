// The console's view of streams: every stream with its shards (hash ranges as decimal and as a
// share of the key space, lineage, stored record counts), built from the registry and log bounds.

import { startingSequenceNumber } from '../engine/streams/sequence-number.js';
import type { StreamSource } from '../engine/streams/stream-lookup.js';
import type { ShardState, StreamState } from '../engine/streams/stream-state.js';
import type { RecordLog } from '../storage/record-log.js';

export interface ShardView {
  readonly shardId: string;
  readonly parentShardId: string | null;
  readonly adjacentParentShardId: string | null;
  /** Shard ids created from this one by a split or merge. */
  readonly childShardIds: readonly string[];
  readonly hashKeyStart: string;
  readonly hashKeyEnd: string;
  /** Fraction of the 128-bit key space the shard covers (0–1). */
  readonly keySpaceShare: number;
  readonly open: boolean;
  readonly startingSequenceNumber: string;
  readonly endingSequenceNumber: string | null;
  /** Records currently stored (after trimming). */
  readonly storedRecords: number;
  /** Records ever appended (the next offset). */
  readonly totalRecords: number;
  readonly lastArrivalMs: number | null;
}

export interface StreamView {
  readonly name: string;
  readonly arn: string;
  readonly status: string;
  readonly mode: string;
  readonly createdAt: number;
  readonly retentionHours: number;
  readonly openShards: number;
  readonly storedRecords: number;
  readonly shards: readonly ShardView[];
}

const KEY_SPACE = 2n ** 128n;

/** Every stream, by name. */
export function listStreamViews(streams: StreamSource, log: RecordLog): StreamView[] {
  return streams
    .list()
    .map((s) => streamView(s, log))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function streamView(stream: StreamState, log: RecordLog): StreamView {
  const shards = stream.shards.map((shard) => shardView(stream, shard, log));
  return {
    name: stream.name,
    arn: stream.arn,
    status: stream.status,
    mode: stream.mode,
    createdAt: stream.createdAt,
    retentionHours: stream.retentionHours,
    openShards: shards.filter((s) => s.open).length,
    storedRecords: shards.reduce((sum, s) => sum + s.storedRecords, 0),
    shards,
  };
}

function shardView(stream: StreamState, shard: ShardState, log: RecordLog): ShardView {
  const bounds = log.hasShard(shard.logKey) ? log.bounds(shard.logKey) : undefined;
  const span = BigInt(shard.hashKeyEnd) - BigInt(shard.hashKeyStart) + 1n;
  return {
    shardId: shard.shardId,
    parentShardId: shard.parentShardId ?? null,
    adjacentParentShardId: shard.adjacentParentShardId ?? null,
    childShardIds: stream.shards
      .filter((s) => s.parentShardId === shard.shardId || s.adjacentParentShardId === shard.shardId)
      .map((s) => s.shardId),
    hashKeyStart: shard.hashKeyStart,
    hashKeyEnd: shard.hashKeyEnd,
    keySpaceShare: Number((span * 1_000_000n) / KEY_SPACE) / 1_000_000,
    open: shard.endingSequenceNumber === undefined,
    startingSequenceNumber: startingSequenceNumber(shard),
    endingSequenceNumber: shard.endingSequenceNumber ?? null,
    storedRecords: bounds ? bounds.endOffset - bounds.startOffset : 0,
    totalRecords: bounds ? bounds.endOffset : 0,
    lastArrivalMs: bounds?.lastTimestamp ?? null,
  };
}
