// Snappy framing format (github.com/google/snappy/framing_format.txt), what Firehose writes for
// CompressionFormat `Snappy`: a stream identifier chunk, then chunks of ≤ 64 KiB of input, each
// compressed (type 0x00) or stored (0x01) when compression does not help, with a masked CRC-32C.
import { crc32c } from '@node-rs/crc32';
import { compress } from 'snappyjs';

const STREAM_IDENTIFIER = Buffer.from([0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59]);
const MAX_CHUNK_INPUT = 65536;
const COMPRESSED = 0x00;
const UNCOMPRESSED = 0x01;

/** The checksum the framing format stores: CRC-32C rotated right by 15 bits plus a constant. */
export function maskedCrc32c(data: Uint8Array): number {
  const crc = crc32c(data) >>> 0;
  return (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;
}

/** Encodes `input` as one Snappy framed stream (an empty input yields only the stream identifier). */
export function snappyFrame(input: Buffer): Buffer {
  const parts: Buffer[] = [STREAM_IDENTIFIER];
  for (let offset = 0; offset < input.length; offset += MAX_CHUNK_INPUT) {
    const chunk = input.subarray(offset, Math.min(offset + MAX_CHUNK_INPUT, input.length));
    const compressed = compress(chunk);
    const stored = compressed.length >= chunk.length;
    const payload = stored ? chunk : compressed;
    const header = Buffer.allocUnsafe(8);
    const length = payload.length + 4;
    header[0] = stored ? UNCOMPRESSED : COMPRESSED;
    header[1] = length & 0xff;
    header[2] = (length >>> 8) & 0xff;
    header[3] = (length >>> 16) & 0xff;
    header.writeUInt32LE(maskedCrc32c(chunk), 4);
    parts.push(header, Buffer.from(payload.buffer, payload.byteOffset, payload.length));
  }
  return Buffer.concat(parts);
}
