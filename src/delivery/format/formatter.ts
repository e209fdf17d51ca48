// Turns one buffer of delivered records into an object body: newline delimiter, JSON → Parquet
// conversion, whole-object compression (GZIP, ZIP, Snappy framing, Hadoop-Snappy), and the file
// extension. The delivery pipeline calls it once per flushed buffer; sinks store the body as is.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FormatSettings } from '../delivery-stream-definition.js';
import { fileExtension } from './file-extension.js';
import { hadoopSnappyBlocks } from './hadoop-snappy.js';
import { ParquetConverter } from './parquet-converter.js';
import type { ConversionFailure } from './parquet-converter.js';
import { snappyFrame } from './snappy-framing.js';
import { zipSingleEntry } from './zip-archive.js';

const gzipAsync = promisify(gzip);
const NEWLINE = 0x0a;

export type { ConversionFailure } from './parquet-converter.js';

export interface EncodedObject<R> {
  /** The object body; empty when no record made it in (skip the delivery then: includedCount is 0). */
  readonly body: Buffer;
  readonly contentType?: string;
  readonly contentEncoding?: string;
  /** File extension for the object key, dot included ('' for none). */
  readonly extension: string;
  /** How many of the given records the body holds (all of them unless format conversion failed some). */
  readonly includedCount: number;
  /** Records left out because format conversion failed: for the `format-conversion-failed` error output. */
  readonly failed: readonly ConversionFailure<R>[];
}

export interface EncodeOptions {
  /** Name of the single ZIP entry (default 'data'); e.g. the object's file name without '.zip'. */
  readonly zipEntryName?: string;
}

export interface Formatter {
  /** The extension every object of this configuration gets (same as EncodedObject.extension). */
  readonly extension: string;
  /**
   * Encodes `records` in order. Deterministic: the same records give the same bytes (ZIP stamps the
   * oldest record's arrival time), so a retried buffer rewrites an identical object. Compression
   * runs on libuv's thread pool; never rejects for bad record content (see `failed`).
   */
  encode<R extends { readonly data: Buffer; readonly approximateArrivalTimestamp?: number }>(
    records: readonly R[],
    options?: EncodeOptions,
  ): Promise<EncodedObject<R>>;
}

/** Builds the formatter for one destination; throws a TypeError for an unsupported declared Parquet type. */
export function createFormatter(settings: FormatSettings): Formatter {
  const extension = fileExtension(settings);
  const converter = settings.formatConversion === undefined ? undefined : new ParquetConverter(settings.formatConversion);
  return {
    extension,
    async encode(records, options) {
      if (converter !== undefined) {
        const result = converter.convert(records);
        return { body: result.body ?? Buffer.alloc(0), contentType: 'application/octet-stream', extension, includedCount: result.convertedCount, failed: result.failed };
      }
      const joined = joinRecords(records, settings.appendNewline);
      const body = await compress(settings, joined, records, options);
      return { body, contentType: 'application/octet-stream', extension, includedCount: records.length, failed: [] };
    },
  };
}

/** Concatenates the records' bytes, with `\n` after each when the AppendDelimiterToRecord processor is on. */
export function joinRecords(records: readonly { readonly data: Buffer }[], appendNewline: boolean): Buffer {
  let length = appendNewline ? records.length : 0;
  for (const record of records) length += record.data.length;
  const out = Buffer.allocUnsafe(length);
  let offset = 0;
  for (const record of records) {
    offset += record.data.copy(out, offset);
    if (appendNewline) out[offset++] = NEWLINE;
  }
  return out;
}

async function compress(
  settings: FormatSettings,
  body: Buffer,
  records: readonly { readonly approximateArrivalTimestamp?: number }[],
  options: EncodeOptions | undefined,
): Promise<Buffer> {
  switch (settings.compression) {
    case 'UNCOMPRESSED':
      return body;
    case 'GZIP':
      return gzipAsync(body);
    case 'ZIP':
      return zipSingleEntry(options?.zipEntryName ?? 'data', body, new Date(oldestArrival(records)));
    case 'Snappy':
      return snappyFrame(body);
    case 'HADOOP_SNAPPY':
      return hadoopSnappyBlocks(body);
  }
}

function oldestArrival(records: readonly { readonly approximateArrivalTimestamp?: number }[]): number {
  let oldest = Infinity;
  for (const record of records) if (record.approximateArrivalTimestamp !== undefined && record.approximateArrivalTimestamp < oldest) oldest = record.approximateArrivalTimestamp;
  return Number.isFinite(oldest) ? oldest : Date.UTC(1980, 0, 1);
}
