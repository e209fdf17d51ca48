// Recovery of one segment file: checks the header, then walks every entry (length, CRC32C, the
// expected offset, non-decreasing timestamps) and rebuilds the sparse index. The first entry that
// fails any check marks the end of the valid data; the caller truncates there. After a clean close
// the last segment's index file describes it exactly, and loading it replaces the scan.
import { open } from 'node:fs/promises';
import { readEntryHeader } from './entry-codec.js';
import { readIndexFile, readIndexSummary } from './index-file.js';
import { scanEntries } from './entry-scanner.js';
import { SEGMENT_HEADER_BYTES, decodeSegmentHeader } from './segment-header.js';
import { SparseIndex } from './sparse-index.js';
import { indexPath } from './segment-files.js';
import { dirname } from 'node:path';
import type { SegmentState } from './segment.js';

export interface SegmentScan extends SegmentState {
  /** False when the file is too short or its header is damaged: nothing in it can be trusted. */
  readonly headerValid: boolean;
  readonly previousTimestamp: number | undefined;
  /** Current file size; `size` (the valid prefix) is smaller when the tail must be truncated. */
  readonly fileSize: number;
  readonly index: SparseIndex;
}

/** Scans the segment with base offset `baseOffset` stored at `path`. */
export async function scanSegment(path: string, baseOffset: number, intervalBytes: number): Promise<SegmentScan> {
  const handle = await open(path, 'r');
  try {
    const fileSize = (await handle.stat()).size;
    const index = new SparseIndex(intervalBytes);
    const headerBuf = Buffer.alloc(SEGMENT_HEADER_BYTES);
    const { bytesRead } = await handle.read(headerBuf, 0, SEGMENT_HEADER_BYTES, 0);
    const header = bytesRead === SEGMENT_HEADER_BYTES ? decodeSegmentHeader(headerBuf) : undefined;
    if (header === undefined || header.baseOffset !== baseOffset) {
      return { headerValid: false, previousTimestamp: undefined, fileSize, index, size: 0, recordCount: 0, firstTimestamp: undefined, lastTimestamp: undefined };
    }
    let recordCount = 0;
    let firstTimestamp: number | undefined;
    let lastTimestamp: number | undefined;
    let validEnd = SEGMENT_HEADER_BYTES;
    const result = await scanEntries(handle, SEGMENT_HEADER_BYTES, fileSize, { verifyChecksum: true, initialChunkBytes: 1024 * 1024 }, (buf, pos, size) => {
      const entry = readEntryHeader(buf, pos, size);
      if (entry.offset !== baseOffset + recordCount) return false;
      if (lastTimestamp !== undefined && entry.timestamp < lastTimestamp) return false;
      index.observe(recordCount, validEnd, entry.timestamp, size);
      validEnd += size;
      recordCount++;
      firstTimestamp ??= entry.timestamp;
      lastTimestamp = entry.timestamp;
      return true;
    });
    return { headerValid: true, previousTimestamp: header.previousTimestamp, fileSize, index, size: result.position, recordCount, firstTimestamp, lastTimestamp };
  } finally {
    await handle.close();
  }
}

/**
 * The same result as scanSegment, from the segment's index file written at a clean close, without
 * reading the entries; undefined when there is no such file or it does not match the segment.
 */
export async function loadSegmentFromIndex(path: string, baseOffset: number, intervalBytes: number): Promise<SegmentScan | undefined> {
  const index = indexPath(dirname(path), baseOffset);
  const summary = await readIndexSummary(index);
  if (summary === undefined || summary.baseOffset !== baseOffset) return undefined;
  const handle = await open(path, 'r');
  let previousTimestamp: number | undefined;
  try {
    const fileSize = (await handle.stat()).size;
    if (fileSize !== summary.segmentBytes) return undefined;
    const headerBuf = Buffer.alloc(SEGMENT_HEADER_BYTES);
    await handle.read(headerBuf, 0, SEGMENT_HEADER_BYTES, 0);
    const header = decodeSegmentHeader(headerBuf);
    if (header === undefined || header.baseOffset !== baseOffset) return undefined;
    previousTimestamp = header.previousTimestamp;
  } finally {
    await handle.close();
  }
  const entries = await readIndexFile(index, summary, intervalBytes);
  if (entries === undefined) return undefined;
  const empty = summary.recordCount === 0;
  return {
    headerValid: true,
    previousTimestamp,
    fileSize: summary.segmentBytes,
    index: entries,
    size: summary.segmentBytes,
    recordCount: summary.recordCount,
    firstTimestamp: empty ? undefined : summary.firstTimestamp,
    lastTimestamp: empty ? undefined : summary.lastTimestamp,
  };
}
