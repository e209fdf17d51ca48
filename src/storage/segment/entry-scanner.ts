// Forward scan over the entries of a segment file with positional reads in growing chunks.
// Reads, timestamp searches and recovery all use it; the visitor sees each complete entry in place.
import type { FileHandle } from 'node:fs/promises';
import { FRAME_BYTES, entryChecksumOk, entrySizeAt } from './entry-codec.js';

/**
 * Called for each complete entry (`size` bytes at `pos` in `buf`). Return true to continue or false
 * to stop before consuming this entry. `buf` may be retained (entries are never overwritten).
 */
export type EntryVisitor = (buf: Buffer, pos: number, size: number) => boolean;

export interface ScanOptions {
  /** Check each entry's CRC32C; a mismatch ends the scan as 'invalid'. */
  readonly verifyChecksum: boolean;
  /** First read size; later reads double up to maxChunkBytes. */
  readonly initialChunkBytes?: number;
  readonly maxChunkBytes?: number;
  /** Where chunk memory comes from (default: a fresh Buffer per read). */
  readonly allocate?: (size: number) => Buffer;
}

export interface ScanResult {
  /** 'end': reached `limit` on an entry boundary; 'stopped': the visitor returned false; 'invalid': the
   *  entry at `position` is torn, has an impossible length or a wrong checksum. */
  readonly outcome: 'end' | 'stopped' | 'invalid';
  /** File position of the first entry not consumed (equals `limit` when the outcome is 'end'). */
  readonly position: number;
}

/** Visits the entries in `[start, limit)` of an open segment file, in order. */
export async function scanEntries(handle: FileHandle, start: number, limit: number, options: ScanOptions, visit: EntryVisitor): Promise<ScanResult> {
  const maxChunk = options.maxChunkBytes ?? 4 * 1024 * 1024;
  let chunkBytes = Math.min(options.initialChunkBytes ?? 64 * 1024, maxChunk);
  let position = start;
  while (position < limit) {
    const want = Math.min(chunkBytes, limit - position);
    const buf = options.allocate === undefined ? Buffer.allocUnsafe(want) : options.allocate(want);
    const got = await readFully(handle, buf, position);
    let pos = 0;
    let needMore = 0;
    while (pos < got) {
      const size = entrySizeAt(buf, pos, got);
      if (size < 0) return { outcome: 'invalid', position: position + pos };
      if (size === 0 || pos + size > got) {
        needMore = size;
        break;
      }
      if (options.verifyChecksum && !entryChecksumOk(buf, pos, size)) return { outcome: 'invalid', position: position + pos };
      if (!visit(buf, pos, size)) return { outcome: 'stopped', position: position + pos };
      pos += size;
    }
    position += pos;
    if (position >= limit) break;
    const need = needMore > 0 ? needMore : FRAME_BYTES;
    if (got < want || position + need > limit) return { outcome: 'invalid', position };
    chunkBytes = Math.max(Math.min(chunkBytes * 2, maxChunk), need);
  }
  return { outcome: 'end', position };
}

async function readFully(handle: FileHandle, buf: Buffer, position: number): Promise<number> {
  let total = 0;
  while (total < buf.length) {
    const { bytesRead } = await handle.read(buf, total, buf.length - total, position + total);
    if (bytesRead === 0) break;
    total += bytesRead;
  }
  return total;
}
