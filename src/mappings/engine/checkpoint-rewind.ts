// Rewind: moves every shard checkpoint of a mapping back to a start position (TRIM_HORIZON or
// AT_TIMESTAMP), as if the mapping had just been created there. Every shard, open or closed, is
// reset unfinished, so children wait again for their parents. Run only while no worker of the
// mapping is running (MappingEngine.rewind stops it first).

import { findReadyStream, type StreamSource } from '../../engine/streams/stream-lookup.js';
import type { RecordLog } from '../../storage/record-log.js';
import type { CheckpointStore } from './checkpoint-store.js';
import { startOffset } from './shard-start.js';

export type RewindPosition = 'TRIM_HORIZON' | 'AT_TIMESTAMP';

const HOUR_MS = 3_600_000;

/** Saves (durably) the new checkpoint of every stored shard; returns how many shards were reset. */
export async function rewindCheckpoints(
  options: { streams: StreamSource; log: RecordLog; checkpoints: CheckpointStore; now: number },
  mapping: { uuid: string; eventSourceArn: string },
  position: RewindPosition,
  timestampMs?: number,
): Promise<number> {
  const stream = findReadyStream(options.streams, { streamArn: mapping.eventSourceArn });
  if (stream === undefined) return 0;
  const cutoff = options.now - stream.retentionHours * HOUR_MS;
  const saves: Promise<void>[] = [];
  for (const shard of stream.shards) {
    if (!options.log.hasShard(shard.logKey)) continue;
    const offset = await startOffset(options.log, shard.logKey, position, timestampMs, cutoff);
    saves.push(options.checkpoints.save(mapping.uuid, shard.shardId, { streamId: stream.id, position: offset }));
  }
  await Promise.all(saves);
  return saves.length;
}
