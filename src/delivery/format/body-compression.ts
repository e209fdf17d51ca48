// Whole-object compression by Firehose CompressionFormat, applied after buffering and delimiting.
// Synchronous and thread-pool variants give identical bytes.
import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';
import type { CompressionFormat } from '../delivery-stream-definition.js';
import { hadoopSnappyBlocks } from './hadoop-snappy.js';
import { snappyFrame } from './snappy-framing.js';
import { zipSingleEntry, zipSingleEntrySync } from './zip-archive.js';

const gzipAsync = promisify(gzip);

/** A record as far as encoding cares: its bytes and (for the ZIP timestamp) its arrival time, epoch ms. */
export interface TimedRecord {
  readonly data: Buffer;
  readonly approximateArrivalTimestamp?: number;
}

export function compressBody(format: CompressionFormat, body: Buffer, records: readonly TimedRecord[], zipEntryName = 'data'): Buffer {
  switch (format) {
    case 'UNCOMPRESSED':
      return body;
    case 'GZIP':
      return gzipSync(body);
    case 'ZIP':
      return zipSingleEntrySync(zipEntryName, body, new Date(oldestArrival(records)));
    case 'Snappy':
      return snappyFrame(body);
    case 'HADOOP_SNAPPY':
      return hadoopSnappyBlocks(body);
  }
}

export async function compressBodyAsync(format: CompressionFormat, body: Buffer, records: readonly TimedRecord[], zipEntryName = 'data'): Promise<Buffer> {
  if (format === 'GZIP') return gzipAsync(body);
  if (format === 'ZIP') return zipSingleEntry(zipEntryName, body, new Date(oldestArrival(records)));
  return compressBody(format, body, records, zipEntryName);
}

/** The oldest arrival time among the records, or 1980-01-01 (the earliest ZIP date) when none has one. */
function oldestArrival(records: readonly TimedRecord[]): number {
  let oldest = Infinity;
  for (const record of records) {
    const at = record.approximateArrivalTimestamp;
    if (at !== undefined && at < oldest) oldest = at;
  }
  return Number.isFinite(oldest) ? oldest : Date.UTC(1980, 0, 1);
}
