// Turns one buffer of delivered records into an object body: newline delimiter, JSON → Parquet
// conversion, whole-object compression (GZIP, ZIP, Snappy framing, Hadoop-Snappy), and the file
// extension. The delivery pipeline calls it once per flushed buffer; sinks store the body as is.
// Satisfies the pipeline's port (src/delivery/pipeline/formatter-port.ts).
import type { FormatSettings } from '../delivery-stream-definition.js';
import { compressBody, compressBodyAsync } from './body-compression.js';
import type { TimedRecord } from './body-compression.js';
import { fileExtension } from './file-extension.js';
import { FormatConversionError } from './format-conversion-error.js';
import { ParquetConverter } from './parquet-converter.js';

const NEWLINE = 0x0a;
const CONTENT_TYPE = 'application/octet-stream';

export interface EncodedObject {
  readonly body: Buffer;
  readonly contentType?: string;
  readonly contentEncoding?: string;
  /** File extension for the object key, dot included ('' for none). */
  readonly extension: string;
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
   * oldest record's arrival time), so a retried buffer rewrites an identical object. Throws a
   * FormatConversionError (with the failures and an object of the records that did convert) when
   * any record cannot be converted to Parquet; never throws for content otherwise.
   */
  encode<R extends TimedRecord>(records: readonly R[], options?: EncodeOptions): EncodedObject;
  /** Same contract as encode, with GZIP/ZIP compression run on libuv's thread pool. */
  encodeAsync<R extends TimedRecord>(records: readonly R[], options?: EncodeOptions): Promise<EncodedObject>;
}

/** Builds the formatter for one destination; throws a TypeError for an unsupported declared Parquet type. */
export function createFormatter(settings: FormatSettings): Formatter {
  const extension = fileExtension(settings);
  const converter = settings.formatConversion === undefined ? undefined : new ParquetConverter(settings.formatConversion);

  function convert<R extends TimedRecord>(records: readonly R[], converter: ParquetConverter): EncodedObject {
    const result = converter.convert(records);
    const object = result.body === undefined ? undefined : { body: result.body, contentType: CONTENT_TYPE, extension };
    if (result.failed.length > 0) throw new FormatConversionError(result.failed, result.converted, object);
    return object ?? { body: Buffer.alloc(0), contentType: CONTENT_TYPE, extension };
  }

  return {
    extension,
    encode(records, options) {
      if (converter !== undefined) return convert(records, converter);
      const body = compressBody(settings.compression, joinRecords(records, settings.appendNewline), records, options?.zipEntryName);
      return { body, contentType: CONTENT_TYPE, extension };
    },
    async encodeAsync(records, options) {
      if (converter !== undefined) return convert(records, converter);
      const body = await compressBodyAsync(settings.compression, joinRecords(records, settings.appendNewline), records, options?.zipEntryName);
      return { body, contentType: CONTENT_TYPE, extension };
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
