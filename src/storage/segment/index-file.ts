// The on-disk form of a sealed segment's sparse index (`<base>.index`), written when the segment
// rolls. Its footer summarises the segment so open() never scans sealed segments.
//
// Layout: entries (16 bytes each, see SparseIndex.toBuffer) then a 48-byte footer: u32 magic 'TRIX'
// | u32 entry count | u32 record count | u32 segment file size | u64 base offset | u64 first
// timestamp | u64 last timestamp | u32 crc32c(entries) | u32 crc32c(footer bytes 0..44).
import { open, rename } from 'node:fs/promises';
import { crc32c } from './crc32c.js';
import { INDEX_ENTRY_BYTES, SparseIndex } from './sparse-index.js';
import { readUInt64LE, writeUInt64LE } from './uint64.js';

const FOOTER_BYTES = 48;
const MAGIC = 0x58495254; // 'TRIX' read little-endian

/** What a sealed segment's index file says about its segment. */
export interface IndexSummary {
  readonly entryCount: number;
  readonly baseOffset: number;
  readonly recordCount: number;
  /** Size of the segment's .log file in bytes, header included. */
  readonly segmentBytes: number;
  readonly firstTimestamp: number;
  readonly lastTimestamp: number;
  readonly entriesCrc: number;
}

/** Writes the index durably (temp file, fsync, rename); the caller fsyncs the directory. */
export async function writeIndexFile(path: string, index: SparseIndex, summary: Omit<IndexSummary, 'entryCount' | 'entriesCrc'>, fsync: boolean): Promise<IndexSummary> {
  const entries = index.toBuffer();
  const entriesCrc = crc32c(entries);
  const footer = Buffer.alloc(FOOTER_BYTES);
  footer.writeUInt32LE(MAGIC, 0);
  footer.writeUInt32LE(index.length, 4);
  footer.writeUInt32LE(summary.recordCount, 8);
  footer.writeUInt32LE(summary.segmentBytes, 12);
  writeUInt64LE(footer, 16, summary.baseOffset);
  writeUInt64LE(footer, 24, summary.firstTimestamp);
  writeUInt64LE(footer, 32, summary.lastTimestamp);
  footer.writeUInt32LE(entriesCrc, 40);
  footer.writeUInt32LE(crc32c(footer, 0, 44), 44);
  const tmp = `${path}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writev([entries, footer], 0);
    if (fsync) await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
  return { ...summary, entryCount: index.length, entriesCrc };
}

/** Reads only the footer; undefined when the file is missing, short or corrupt. */
export async function readIndexSummary(path: string): Promise<IndexSummary | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const { size } = await handle.stat();
    if (size < FOOTER_BYTES) return undefined;
    const footer = Buffer.alloc(FOOTER_BYTES);
    await handle.read(footer, 0, FOOTER_BYTES, size - FOOTER_BYTES);
    if (footer.readUInt32LE(0) !== MAGIC || crc32c(footer, 0, 44) !== footer.readUInt32LE(44)) return undefined;
    const entryCount = footer.readUInt32LE(4);
    if (size !== entryCount * INDEX_ENTRY_BYTES + FOOTER_BYTES) return undefined;
    return {
      entryCount,
      recordCount: footer.readUInt32LE(8),
      segmentBytes: footer.readUInt32LE(12),
      baseOffset: readUInt64LE(footer, 16),
      firstTimestamp: readUInt64LE(footer, 24),
      lastTimestamp: readUInt64LE(footer, 32),
      entriesCrc: footer.readUInt32LE(40),
    };
  } finally {
    await handle.close();
  }
}

/** Loads the entries of an index file whose footer was read as `summary`; undefined when corrupt. */
export async function readIndexFile(path: string, summary: IndexSummary, intervalBytes: number): Promise<SparseIndex | undefined> {
  const handle = await open(path, 'r');
  try {
    const entries = Buffer.allocUnsafe(summary.entryCount * INDEX_ENTRY_BYTES);
    const { bytesRead } = await handle.read(entries, 0, entries.length, 0);
    if (bytesRead !== entries.length || crc32c(entries) !== summary.entriesCrc) return undefined;
    return SparseIndex.fromBuffer(entries, intervalBytes);
  } finally {
    await handle.close();
  }
}
