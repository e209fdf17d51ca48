// Hadoop's Snappy block format (BlockCompressorStream with SnappyCodec), what Firehose writes for
// CompressionFormat `HADOOP_SNAPPY`: blocks of [uncompressed length BE32][compressed length BE32][raw
// Snappy block]. Blocks hold at most 218 422 input bytes (Hadoop's default 256 KiB buffer minus its
// compression overhead), so Hadoop's decompressor buffers always fit them.
import { compress } from 'snappyjs';

export const HADOOP_SNAPPY_MAX_BLOCK_INPUT = 262144 - (Math.floor(262144 / 6) + 32);

/** Encodes `input` as a sequence of Hadoop Snappy blocks (an empty input yields an empty body). */
export function hadoopSnappyBlocks(input: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < input.length; offset += HADOOP_SNAPPY_MAX_BLOCK_INPUT) {
    const block = input.subarray(offset, Math.min(offset + HADOOP_SNAPPY_MAX_BLOCK_INPUT, input.length));
    const compressed = compress(block);
    const header = Buffer.allocUnsafe(8);
    header.writeUInt32BE(block.length, 0);
    header.writeUInt32BE(compressed.length, 4);
    parts.push(header, Buffer.from(compressed.buffer, compressed.byteOffset, compressed.length));
  }
  return Buffer.concat(parts);
}
