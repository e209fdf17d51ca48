// Reads of one shard: find the segment (binary search on base offsets or last timestamps), seek
// with its sparse index, then scan forward with positional reads. Only acknowledged bytes
// (each segment's readableSize, the shard's endOffset) are ever visited.
import { ShardNotFoundError } from '../record-log.js';
import type { ReadOptions, ReadResult, StoredRecord } from '../record-log.js';
import { decodeEntry, entryOffsetAt, readEntryHeader } from './entry-codec.js';
import { scanEntries } from './entry-scanner.js';
import type { EntryVisitor } from './entry-scanner.js';
import { CorruptSegmentError } from './segment-errors.js';
import { READ_CHUNK_BYTES } from './read-chunk-pool.js';
import { SEGMENT_HEADER_BYTES } from './segment-header.js';
import type { Segment } from './segment.js';
import type { ShardLog } from './shard-log.js';

/** Largest positional read (the scanner's default cap). */
const MAX_CHUNK_BYTES = READ_CHUNK_BYTES;

/** Records at or after `fromOffset` (clamped up to startOffset), within the caps of `options`. */
export async function readShard(shard: ShardLog, fromOffset: number, options: ReadOptions): Promise<ReadResult> {
  const maxRecords = Math.max(1, Math.floor(options.maxRecords));
  const maxBytes = options.maxBytes;
  return withRetryOnTrim(shard, async () => {
    let from = Math.max(fromOffset, shard.startOffset);
    const end = shard.endOffset;
    const records: StoredRecord[] = [];
    const pool = shard.config.readChunks;
    const chunks: Buffer[] = [];
    const allocate = pool === undefined ? undefined : (size: number): Buffer => {
      const chunk = pool.acquire(size);
      chunks.push(chunk);
      return chunk;
    };
    let bytes = 0;
    let done = false;
    // Each step looks the segment up again by offset: retention may remove segments meanwhile.
    for (let next = from; !done && next < end; ) {
      const segment = segmentForOffset(shard.segments, next);
      if (segment === undefined) break;
      if (segment.baseOffset > next) {
        if (records.length > 0) break; // trimmed under us: never return a gap
        next = from = segment.baseOffset;
        continue;
      }
      const point = (await shard.indexFor(segment))?.floorOffset(next - segment.baseOffset);
      const firstRead = firstReadBytes(segment, maxRecords, maxBytes);
      await scanSegment(shard, segment, point?.position ?? SEGMENT_HEADER_BYTES, firstRead, allocate, (buf, pos, size) => {
        const offset = entryOffsetAt(buf, pos);
        if (offset < from) return true;
        if (offset >= end) return !(done = true);
        const record = decodeEntry(buf, pos, size);
        if (records.length > 0 && bytes + record.data.length > maxBytes) return !(done = true);
        records.push(record);
        bytes += record.data.length;
        if (records.length >= maxRecords) done = true;
        return !done;
      });
      next = segment.endOffset;
    }
    const last = records[records.length - 1];
    const nextOffset = last === undefined ? from : last.offset + 1;
    return pool === undefined || chunks.length === 0 ? { records, nextOffset } : { records, nextOffset, release: () => pool.release(chunks) };
  });
}

/** The first offset whose timestamp is >= `timestamp`, or endOffset when there is none. */
export async function offsetForTimestamp(shard: ShardLog, timestamp: number): Promise<number> {
  return withRetryOnTrim(shard, async () => {
    const end = shard.endOffset;
    if (end === shard.startOffset || shard.lastTimestamp === undefined || timestamp > shard.lastTimestamp) return end;
    let found = end;
    let segment: Segment | undefined = shard.segments[segmentIndexForTimestamp(shard.segments, timestamp)];
    while (segment !== undefined && found === end && segment.baseOffset < end) {
      const point = (await shard.indexFor(segment))?.lastBefore(timestamp);
      await scanSegment(shard, segment, point?.position ?? SEGMENT_HEADER_BYTES, 64 * 1024, undefined, (buf, pos, size) => {
        const entry = readEntryHeader(buf, pos, size);
        if (entry.offset >= end) return false;
        if (entry.timestamp < timestamp) return true;
        found = entry.offset;
        return false;
      });
      const next = segmentForOffset(shard.segments, segment.endOffset);
      segment = next === segment ? undefined : next;
    }
    return Math.max(found, shard.startOffset);
  });
}

async function scanSegment(
  shard: ShardLog,
  segment: Segment,
  start: number,
  initialChunkBytes: number,
  allocate: ((size: number) => Buffer) | undefined,
  visit: EntryVisitor,
): Promise<void> {
  const lease = await shard.config.handles.acquire(segment.logPath);
  try {
    const options = { verifyChecksum: true, initialChunkBytes, maxChunkBytes: MAX_CHUNK_BYTES, ...(allocate === undefined ? {} : { allocate }) };
    const result = await scanEntries(lease.handle, start, segment.readableSize, options, visit);
    if (result.outcome === 'invalid') throw new CorruptSegmentError(segment.logPath, result.position);
  } finally {
    lease.release();
  }
}

/**
 * Size of the first positional read of a segment: room for `maxRecords` entries of the segment's
 * average size (capped by `maxBytes` of data), from 64 KiB to the scanner's 4 MiB chunk cap. Reads
 * of ~10 MB are thus a few equal 4 MiB reads, which the allocator reuses well, while small reads
 * and small records do not read far past what they return.
 */
function firstReadBytes(segment: Segment, maxRecords: number, maxBytes: number): number {
  const average = segment.recordCount > 0 ? (segment.size - SEGMENT_HEADER_BYTES) / segment.recordCount : 1024;
  const wanted = Math.min(maxRecords * average, maxBytes + maxRecords * 64);
  return Math.min(Math.max(64 * 1024, Math.ceil(wanted)), MAX_CHUNK_BYTES);
}

/** The segment holding `offset`: the last whose base offset is <= offset, else the first one. */
function segmentForOffset(segments: readonly Segment[], offset: number): Segment | undefined {
  let lo = 0;
  let hi = segments.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (segments[mid]!.baseOffset <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return segments[found];
}

/** Index of the first segment holding a record with timestamp >= `timestamp`. */
function segmentIndexForTimestamp(segments: readonly Segment[], timestamp: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  let found = segments.length;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const last = segments[mid]!.lastTimestamp;
    if (last !== undefined && last >= timestamp) {
      found = mid;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  return found;
}

/** Retention may delete a segment between choosing it and opening it: start over, a few times. */
async function withRetryOnTrim<T>(shard: ShardLog, run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      if (shard.deleted) throw new ShardNotFoundError(shard.key);
      if (attempt >= 3) throw err;
    }
  }
}
