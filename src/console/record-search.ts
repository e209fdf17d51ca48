// Record search for the console: by sequence number (one direct read), by partition key (scans the
// newest records of every shard, those whose hash range holds the key's hash first, since a record
// put with an ExplicitHashKey lives elsewhere), or by arrival-time range (seeks by timestamp).
// Every scan is bounded by `maxScan` records per shard and `maxTotalScan` records in all.

import { decimalToHashHex, partitionKeyHash } from '../engine/streams/hash-key.js';
import { parseSequenceNumber } from '../engine/streams/sequence-number.js';
import type { ShardState, StreamState } from '../engine/streams/stream-state.js';
import type { RecordLog, StoredRecord } from '../storage/record-log.js';
import { recordView, type RecordView } from './record-range.js';

export type { RecordView } from './record-range.js';

export interface RecordQuery {
  readonly partitionKey?: string;
  readonly sequenceNumber?: string;
  /** Arrival time range, epoch ms, inclusive. */
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly shardId?: string;
  /** Most records returned (default 50). */
  readonly limit?: number;
}

export interface RecordSearchResult {
  readonly records: readonly RecordView[];
  /** Records looked at. */
  readonly scanned: number;
  /** True when the scan stopped at its bound, so older matches may exist. */
  readonly truncated: boolean;
}

export interface RecordSearchOptions {
  readonly log: RecordLog;
  readonly region: string;
  /** Most records scanned per shard (default 10,000). */
  readonly maxScan?: number;
  /** Most records scanned over all shards (default 100,000); the rest of the shards are skipped. */
  readonly maxTotalScan?: number;
}

const READ_CHUNK = 1000;
const READ_BYTES = 8 * 1024 * 1024;

export async function searchRecords(stream: StreamState, query: RecordQuery, options: RecordSearchOptions): Promise<RecordSearchResult> {
  const limit = Math.max(1, Math.min(query.limit ?? 50, 500));
  const maxScan = options.maxScan ?? 10_000;
  const maxTotalScan = options.maxTotalScan ?? 100_000;
  const shards = stream.shards.filter((s) => options.log.hasShard(s.logKey) && (query.shardId === undefined || s.shardId === query.shardId));
  const view = (shard: ShardState, r: StoredRecord): RecordView => recordView(stream, shard, r, options.region);

  if (query.sequenceNumber !== undefined) {
    const parts = parseSequenceNumber(query.sequenceNumber);
    const shard = parts && shards.find((s) => s.index === parts.shardIndex && s.createdAt === parts.shardCreatedAt);
    if (!parts || !shard) return { records: [], scanned: 0, truncated: false };
    const { records } = await options.log.read(shard.logKey, parts.offset, { maxRecords: 1, maxBytes: READ_BYTES });
    const found = records.filter((r) => r.offset === parts.offset);
    return { records: found.map((r) => view(shard, r)), scanned: found.length, truncated: false };
  }

  let candidates = shards;
  if (query.partitionKey !== undefined) {
    const hash = partitionKeyHash(query.partitionKey);
    const holds = (s: ShardState): boolean => decimalToHashHex(s.hashKeyStart) <= hash && hash <= decimalToHashHex(s.hashKeyEnd);
    candidates = [...shards.filter(holds), ...shards.filter((s) => !holds(s))];
  }
  const matches: RecordView[] = [];
  let scanned = 0;
  let truncated = false;
  for (const shard of candidates) {
    if (scanned >= maxTotalScan) {
      truncated = true;
      break;
    }
    const bounds = options.log.bounds(shard.logKey);
    let from: number;
    let to = bounds.endOffset;
    if (query.fromMs !== undefined) {
      from = await options.log.offsetForTimestamp(shard.logKey, query.fromMs);
      if (from + maxScan < to) {
        to = from + maxScan;
        truncated = true;
      }
    } else {
      from = Math.max(bounds.startOffset, bounds.endOffset - maxScan);
      if (from > bounds.startOffset) truncated = true;
    }
    const found: RecordView[] = [];
    while (from < to) {
      const { records, nextOffset } = await options.log.read(shard.logKey, from, { maxRecords: Math.min(READ_CHUNK, to - from), maxBytes: READ_BYTES });
      if (records.length === 0) break;
      for (const r of records) {
        if (r.offset >= to) break;
        scanned++;
        if (query.toMs !== undefined && r.timestamp > query.toMs) {
          to = r.offset;
          break;
        }
        if (query.partitionKey !== undefined && r.partitionKey !== query.partitionKey) continue;
        found.push(view(shard, r));
      }
      from = nextOffset;
    }
    matches.push(...found);
  }
  // Newest first for key and latest searches; oldest first for a time range.
  matches.sort((a, b) => (query.fromMs !== undefined ? a.arrivalMs - b.arrivalMs : b.arrivalMs - a.arrivalMs) || compareSeq(a, b, query.fromMs !== undefined));
  if (matches.length > limit) truncated = true;
  return { records: matches.slice(0, limit), scanned, truncated };
}

function compareSeq(a: RecordView, b: RecordView, ascending: boolean): number {
  const order = a.sequenceNumber < b.sequenceNumber ? -1 : a.sequenceNumber > b.sequenceNumber ? 1 : 0;
  return ascending ? order : -order;
}
