// Independent decoders for the Snappy framing format and Hadoop Snappy blocks, used by tests to read
// back what the encoders wrote (checks chunk types, lengths and the masked CRC-32C).
import { crc32c } from '@node-rs/crc32';
import { uncompress } from 'snappyjs';

function masked(data: Buffer): number {
  const crc = crc32c(data) >>> 0;
  return (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;
}

/** Decodes a framed Snappy stream; throws on a bad identifier, chunk type or checksum. */
export function decodeSnappyFrames(body: Buffer, chunkTypes: number[] = []): Buffer {
  if (!body.subarray(0, 10).equals(Buffer.from('ff060000734e61507059', 'hex'))) throw new Error('bad stream identifier');
  const out: Buffer[] = [];
  let offset = 10;
  while (offset < body.length) {
    const type = body[offset]!;
    const length = body.readUIntLE(offset + 1, 3);
    const crc = body.readUInt32LE(offset + 4);
    const payload = body.subarray(offset + 8, offset + 4 + length);
    chunkTypes.push(type);
    const data = type === 0 ? Buffer.from(uncompress(payload)) : type === 1 ? payload : undefined;
    if (data === undefined) throw new Error(`unexpected chunk type ${type}`);
    if (data.length > 65536) throw new Error('chunk over 64 KiB');
    if (masked(data) !== crc) throw new Error('bad checksum');
    out.push(data);
    offset += 4 + length;
  }
  return Buffer.concat(out);
}

/** Decodes Hadoop Snappy blocks; `blockSizes` receives each block's uncompressed length. */
export function decodeHadoopSnappy(body: Buffer, blockSizes: number[] = []): Buffer {
  const out: Buffer[] = [];
  let offset = 0;
  while (offset < body.length) {
    const rawLength = body.readUInt32BE(offset);
    let produced = 0;
    offset += 4;
    while (produced < rawLength) {
      const compressedLength = body.readUInt32BE(offset);
      const data = Buffer.from(uncompress(body.subarray(offset + 4, offset + 4 + compressedLength)));
      out.push(data);
      produced += data.length;
      offset += 4 + compressedLength;
    }
    if (produced !== rawLength) throw new Error('block length mismatch');
    blockSizes.push(rawLength);
  }
  return Buffer.concat(out);
}
