// The pipeline's view of F3's formatter (src/delivery/format/): turns one buffer's records into an
// object body (newline delimiter, Parquet conversion, compression) with its file extension.

import type { FormatSettings } from '../delivery-stream-definition.js';
import type { DeliveryRecord } from '../sink.js';

export interface EncodedObject {
  readonly body: Buffer;
  readonly contentType?: string;
  readonly contentEncoding?: string;
  /** '' or e.g. '.gz', '.parquet'. */
  readonly extension: string;
}

/**
 * Encodes buffers. Contract: encode throws when the records cannot be converted
 * (format-conversion-failed; a FormatConversionError carries the part that did convert).
 */
export interface Formatter {
  encode(records: readonly DeliveryRecord[]): EncodedObject;
  /**
   * Same contract; conversion and compression run off the event loop. The pipeline uses this one.
   * It may also reject with an error marked `retryable: true` (the conversion worker died): the
   * records are fine and the pipeline encodes them again.
   */
  encodeAsync(records: readonly DeliveryRecord[]): Promise<EncodedObject>;
  /** Releases what the formatter holds (its conversion worker); called when the pipeline stops. */
  close?(): Promise<void>;
}

/** `createFormatter` from src/delivery/format/ satisfies this. */
export type FormatterFactory = (settings: FormatSettings) => Formatter;
