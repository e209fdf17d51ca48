// The fixed header at the start of every segment file. Besides identifying the file it carries
// the shard's last timestamp at the time the segment was created, so a shard whose older
// segments were all trimmed still clamps new timestamps correctly after a restart.
//
// Layout (32 bytes, little-endian): u32 magic 'TRSG' | u16 version | u16 flags (bit 0: has
// previous timestamp) | u64 base offset | u64 previous last timestamp | u32 reserved | u32 crc32c.
import { crc32c } from './crc32c.js';
import { readUInt64LE, writeUInt64LE } from './uint64.js';

export const SEGMENT_HEADER_BYTES = 32;
const MAGIC = 0x47535254; // 'TRSG' read little-endian
const VERSION = 1;

export interface SegmentHeader {
  readonly baseOffset: number;
  /** The shard's last record timestamp when this segment was created, if there was one. */
  readonly previousTimestamp: number | undefined;
}

export function encodeSegmentHeader(header: SegmentHeader): Buffer {
  const buf = Buffer.alloc(SEGMENT_HEADER_BYTES);
  buf.writeUInt32LE(MAGIC, 0);
  buf.writeUInt16LE(VERSION, 4);
  buf.writeUInt16LE(header.previousTimestamp === undefined ? 0 : 1, 6);
  writeUInt64LE(buf, 8, header.baseOffset);
  writeUInt64LE(buf, 16, header.previousTimestamp ?? 0);
  buf.writeUInt32LE(crc32c(buf, 0, 28), 28);
  return buf;
}

/** Decodes a header, or returns undefined when the bytes are not a valid header. */
export function decodeSegmentHeader(buf: Buffer): SegmentHeader | undefined {
  if (buf.length < SEGMENT_HEADER_BYTES) return undefined;
  if (buf.readUInt32LE(0) !== MAGIC || buf.readUInt16LE(4) !== VERSION) return undefined;
  if (crc32c(buf, 0, 28) !== buf.readUInt32LE(28)) return undefined;
  const hasPrevious = (buf.readUInt16LE(6) & 1) === 1;
  return { baseOffset: readUInt64LE(buf, 8), previousTimestamp: hasPrevious ? readUInt64LE(buf, 16) : undefined };
}
