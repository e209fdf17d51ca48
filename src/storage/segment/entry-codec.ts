// Entry framing for segment files: every record is one CRC-framed entry. Offsets are stored in
// the entry (not implicit), so recovery and reads can check that an entry sits where it should.
//
// Entry layout (little-endian):
//   0  u32 payloadLength      4  u32 crc32c(payload)
//   8  payload: u64 offset | u64 timestamp (epoch ms) | u16 partitionKey bytes | u8 hashKey bytes
//               | partitionKey (UTF-8) | explicitHashKey (ASCII, absent when 0 bytes) | data
import { crc32c } from './crc32c.js';
import { readUInt32LE, readUInt64LE } from './uint64.js';
import type { AppendRecord, StoredRecord } from '../record-log.js';

export const FRAME_BYTES = 8;
export const FIXED_PAYLOAD_BYTES = 19;
/** Smallest and largest payload a well-formed entry can have; anything else marks a broken tail. */
export const MIN_PAYLOAD_BYTES = FIXED_PAYLOAD_BYTES;
export const MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

const TWO_32 = 0x1_0000_0000;

/** A batch of records encoded into one contiguous buffer, ready for one write. */
export interface EncodedBatch {
  readonly buffer: Buffer;
  /** End position (exclusive) of each entry within `buffer`. */
  readonly entryEnds: Uint32Array;
  readonly firstOffset: number;
  readonly timestamp: number;
}

/** Header fields of one entry, enough to index or seek without decoding the record. */
export interface EntryHeader {
  readonly offset: number;
  readonly timestamp: number;
  /** Total entry size including its frame. */
  readonly size: number;
}

/** Encodes records into consecutive entries with offsets firstOffset, firstOffset + 1, ... */
export function encodeBatch(records: readonly AppendRecord[], firstOffset: number, timestamp: number): EncodedBatch {
  const n = records.length;
  const keyBytes = new Array<number>(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    const k = Buffer.byteLength(r.partitionKey, 'utf8');
    if (k > 0xffff) throw new RangeError('partition key longer than 65535 bytes');
    const h = r.explicitHashKey === undefined ? 0 : r.explicitHashKey.length;
    if (h > 0xff) throw new RangeError('explicit hash key longer than 255 characters');
    if (FIXED_PAYLOAD_BYTES + k + h + r.data.length > MAX_PAYLOAD_BYTES) throw new RangeError('record larger than 64 MiB');
    keyBytes[i] = k;
    total += FRAME_BYTES + FIXED_PAYLOAD_BYTES + k + h + r.data.length;
  }
  const buf = Buffer.allocUnsafe(total);
  const entryEnds = new Uint32Array(n);
  const tsLo = timestamp % TWO_32;
  const tsHi = Math.floor(timestamp / TWO_32);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    const offset = firstOffset + i;
    const k = keyBytes[i]!;
    const h = r.explicitHashKey === undefined ? 0 : r.explicitHashKey.length;
    const payload = pos + FRAME_BYTES;
    const payloadLength = FIXED_PAYLOAD_BYTES + k + h + r.data.length;
    buf.writeUInt32LE(payloadLength, pos);
    buf.writeUInt32LE(offset % TWO_32, payload);
    buf.writeUInt32LE(Math.floor(offset / TWO_32), payload + 4);
    buf.writeUInt32LE(tsLo, payload + 8);
    buf.writeUInt32LE(tsHi, payload + 12);
    buf.writeUInt16LE(k, payload + 16);
    buf[payload + 18] = h;
    let p = payload + FIXED_PAYLOAD_BYTES;
    if (k > 0) p += buf.write(r.partitionKey, p, k, 'utf8');
    if (h > 0) p += buf.write(r.explicitHashKey!, p, h, 'latin1');
    buf.set(r.data, p);
    const end = payload + payloadLength;
    buf.writeUInt32LE(crc32c(buf, payload, end), pos + 4);
    entryEnds[i] = end;
    pos = end;
  }
  return { buffer: buf, entryEnds, firstOffset, timestamp };
}

/**
 * Total size of the entry starting at `pos` when its length field is plausible, or -1 when it is
 * impossible. Returns 0 when fewer than FRAME_BYTES remain before `end` (cannot tell yet).
 */
export function entrySizeAt(buf: Uint8Array, pos: number, end: number): number {
  if (end - pos < FRAME_BYTES) return 0;
  const len = readUInt32LE(buf, pos);
  if (len < MIN_PAYLOAD_BYTES || len > MAX_PAYLOAD_BYTES) return -1;
  return FRAME_BYTES + len;
}

/** Whether the complete entry at `pos` (of total `size`) has a correct checksum. */
export function entryChecksumOk(buf: Uint8Array, pos: number, size: number): boolean {
  return crc32c(buf, pos + FRAME_BYTES, pos + size) === readUInt32LE(buf, pos + 4);
}

/** Reads offset and timestamp of the complete entry at `pos` (of total `size`). */
export function readEntryHeader(buf: Uint8Array, pos: number, size: number): EntryHeader {
  const p = pos + FRAME_BYTES;
  return { offset: readUInt64LE(buf, p), timestamp: readUInt64LE(buf, p + 8), size };
}

/** Buffer's UTF-8 decoder, which `toString('utf8', …)` calls after checking its arguments (here known valid). */
interface Utf8Sliceable {
  utf8Slice(start: number, end: number): string;
}

/** Offset of the complete entry at `pos`, without decoding anything else. */
export function entryOffsetAt(buf: Uint8Array, pos: number): number {
  return readUInt64LE(buf, pos + FRAME_BYTES);
}

/** Decodes the complete entry at `pos` (of total `size`); `data` is a view into `buf`, not a copy. */
export function decodeEntry(buf: Buffer, pos: number, size: number): StoredRecord {
  const p = pos + FRAME_BYTES;
  const k = buf.readUInt16LE(p + 16);
  const h = buf[p + 18]!;
  const keyStart = p + FIXED_PAYLOAD_BYTES;
  const partitionKey = (buf as Buffer & Utf8Sliceable).utf8Slice(keyStart, keyStart + k);
  const dataStart = keyStart + k + h;
  const offset = readUInt64LE(buf, p);
  const timestamp = readUInt64LE(buf, p + 8);
  const data = buf.subarray(dataStart, pos + size);
  if (h === 0) return { offset, timestamp, partitionKey, data };
  return { offset, timestamp, partitionKey, data, explicitHashKey: buf.toString('latin1', keyStart + k, dataStart) };
}
