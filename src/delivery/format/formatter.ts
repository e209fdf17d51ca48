// Turns one buffer of delivered records into an object body: newline delimiter, JSON → Parquet
// conversion, whole-object compression (GZIP, ZIP, Snappy framing, Hadoop-Snappy), and the file
// extension. The delivery pipeline calls it once per flushed buffer; sinks store the body as is.
// Satisfies the pipeline's port (src/delivery/pipeline/formatter-port.ts). encodeAsync converts to
// Parquet in a worker thread (ParquetWorkerPool) and compresses on libuv's thread pool.
import type { FormatSettings } from '../delivery-stream-definition.js';
import { compressBody, compressBodyAsync } from './body-compression.js';
import type { TimedRecord } from './body-compression.js';
import { fileExtension } from './file-extension.js';
import { FormatConversionError } from './format-conversion-error.js';
import type { ConversionFailure } from './parquet-converter.js';
import { ParquetConverter } from './parquet-converter.js';
import { ParquetWorkerPool } from './parquet-worker-pool.js';
import type { IndexedConversion } from './parquet-worker-protocol.js';

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
  /**
   * Same contract and bytes as encode, off the event loop: Parquet conversion in a worker thread,
   * GZIP/ZIP compression on libuv's thread pool. Also rejects with a ParquetWorkerError
   * (`retryable: true`) when the conversion worker died; retrying the same records is safe.
   */
  encodeAsync<R extends TimedRecord>(records: readonly R[], options?: EncodeOptions): Promise<EncodedObject>;
  /** Ends the conversion worker this formatter started (not a shared pool); idempotent. */
  close(): Promise<void>;
}

export interface FormatterOptions {
  /** Shared conversion workers (closed by their owner); without it the formatter starts its own pool of one on first use. */
  readonly parquetPool?: ParquetWorkerPool;
}

/** Builds the formatter for one destination; throws a TypeError for an unsupported declared Parquet type. */
export function createFormatter(settings: FormatSettings, shared: FormatterOptions = {}): Formatter {
  const extension = fileExtension(settings);
  const conversion = settings.formatConversion;
  const converter = conversion === undefined ? undefined : new ParquetConverter(conversion);
  let ownPool: ParquetWorkerPool | undefined;

  function finish<R>(body: Buffer | undefined, converted: readonly R[], failed: ConversionFailure<R>[]): EncodedObject {
    const object = body === undefined ? undefined : { body, contentType: CONTENT_TYPE, extension };
    if (failed.length > 0) throw new FormatConversionError(failed, converted, object);
    return object ?? { body: Buffer.alloc(0), contentType: CONTENT_TYPE, extension };
  }

  /** The worker's index-based result, with the caller's record objects put back. */
  function fromIndexed<R>(records: readonly R[], result: IndexedConversion): EncodedObject {
    const body = result.body === undefined ? undefined : Buffer.from(result.body.buffer, result.body.byteOffset, result.body.byteLength);
    const converted = Array.from(result.converted, (i) => records[i]!);
    const failed = result.failures.map((f) => ({ record: records[f.index]!, errorCode: f.errorCode, errorMessage: f.errorMessage }));
    return finish(body, converted, failed);
  }

  return {
    extension,
    encode(records, options) {
      if (converter !== undefined) {
        const result = converter.convert(records);
        return finish(result.body, result.converted, [...result.failed]);
      }
      const body = compressBody(settings.compression, joinRecords(records, settings.appendNewline), records, options?.zipEntryName);
      return { body, contentType: CONTENT_TYPE, extension };
    },
    async encodeAsync(records, options) {
      if (conversion !== undefined) {
        const pool = shared.parquetPool ?? (ownPool ??= new ParquetWorkerPool());
        return fromIndexed(records, await pool.convert(conversion, records));
      }
      const body = await compressBodyAsync(settings.compression, joinRecords(records, settings.appendNewline), records, options?.zipEntryName);
      return { body, contentType: CONTENT_TYPE, extension };
    },
    async close() {
      await ownPool?.close();
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
