// How the data plane finds streams and shards: through the control plane's registry, seeing
// only streams that accept data (ACTIVE or UPDATING), with shard ids parsed as AWS parses them.

import { parseStreamArn } from './stream-arn.js';
import { StreamNotFoundError } from './stream-errors.js';
import type { StreamRef } from './stream-registry.js';
import type { ShardState, StreamState } from './stream-state.js';

export type { StreamRef } from './stream-registry.js';

/** The part of the StreamRegistry the data plane uses. */
export interface StreamSource {
  /** The stream's current state (lazy status transitions applied); throws StreamNotFoundError. */
  require(ref: StreamRef): StreamState;
  /** Every stream currently known. */
  list(): StreamState[];
}

const MAX_SHARD_INDEX = 2_147_483_647;

/** The stream name a ref designates (from the ARN's resource part when only the ARN is given). */
export function streamNameOf(ref: StreamRef): string {
  if (ref.streamName !== undefined) return ref.streamName;
  const arn = ref.streamArn ?? '';
  return parseStreamArn(arn)?.streamName ?? arn;
}

/**
 * The stream if it exists and is ACTIVE or UPDATING, else undefined (the data plane treats a
 * CREATING or DELETING stream as absent, as AWS does). Errors other than not-found propagate.
 */
export function findReadyStream(streams: StreamSource, ref: StreamRef): StreamState | undefined {
  let stream: StreamState;
  try {
    stream = streams.require(ref);
  } catch (err) {
    if (err instanceof StreamNotFoundError) return undefined;
    throw err;
  }
  return stream.status === 'ACTIVE' || stream.status === 'UPDATING' ? stream : undefined;
}

/**
 * The shard index a ShardId names, parsed as AWS does: the part after the first '-' (or the
 * whole id when there is none or nothing follows it) must be decimal digits <= 2^31 - 1, so
 * `shardId-000000000001`, `shard-1`, `1` and `-01` all name index 1. Undefined otherwise.
 */
export function shardIndexOf(rawShardId: string): number | undefined {
  const digits = rawShardId.split('-')[1] || rawShardId;
  if (!/^\d+$/.test(digits)) return undefined;
  const index = Number(digits);
  return index <= MAX_SHARD_INDEX ? index : undefined;
}

/** The shard with this index, or undefined. */
export function shardByIndex(stream: StreamState, index: number): ShardState | undefined {
  const direct = stream.shards[index];
  if (direct !== undefined && direct.index === index) return direct;
  return stream.shards.find((s) => s.index === index);
}
