// A record as the console shows it (sequence number, decoded data, put command), and a bounded
// read of an offset range of one shard into such views.

import { SequenceNumberFormatter } from '../engine/streams/sequence-number.js';
import type { ShardState, StreamState } from '../engine/streams/stream-state.js';
import type { RecordLog, StoredRecord } from '../storage/record-log.js';
import { decodeData, putCommand, type DecodedData } from './record-decoding.js';

export interface RecordView {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly partitionKey: string;
  readonly explicitHashKey: string | null;
  readonly arrivalMs: number;
  readonly data: DecodedData;
  readonly putCommand: string;
}

const READ_BYTES = 8 * 1024 * 1024;

export function recordView(stream: StreamState, shard: ShardState, r: StoredRecord, region: string): RecordView {
  return {
    shardId: shard.shardId,
    sequenceNumber: new SequenceNumberFormatter(shard.index, shard.createdAt).format(r.offset, r.timestamp),
    partitionKey: r.partitionKey,
    explicitHashKey: r.explicitHashKey ?? null,
    arrivalMs: r.timestamp,
    data: decodeData(r.data),
    putCommand: putCommand({
      streamName: stream.name,
      partitionKey: r.partitionKey,
      data: r.data,
      region,
      ...(r.explicitHashKey !== undefined ? { explicitHashKey: r.explicitHashKey } : {}),
    }),
  };
}

/** The records at offsets [from, to) still stored in the shard, in offset order. */
export async function searchRecordRange(
  stream: StreamState,
  shard: ShardState,
  from: number,
  to: number,
  options: { log: RecordLog; region: string },
): Promise<RecordView[]> {
  const out: RecordView[] = [];
  let next = from;
  while (next < to) {
    const { records, nextOffset } = await options.log.read(shard.logKey, next, { maxRecords: to - next, maxBytes: READ_BYTES });
    if (records.length === 0) break;
    for (const r of records) if (r.offset < to) out.push(recordView(stream, shard, r, options.region));
    next = nextOffset;
  }
  return out;
}
