// Thrown by a Formatter when some records of a buffer cannot be converted to Parquet. It carries the
// failures (for the `format-conversion-failed` error output) and the object made of the records that
// did convert, so the pipeline can deliver those and route only the failures.
import type { ConversionFailure } from './parquet-converter.js';

export interface PartialObject {
  readonly body: Buffer;
  readonly contentType?: string;
  readonly extension: string;
}

export class FormatConversionError<R = unknown> extends Error {
  override readonly name = 'FormatConversionError';

  constructor(
    /** Records left out, in input order, with Firehose-style error code and message. */
    readonly failures: readonly ConversionFailure<R>[],
    /** The records that did convert, in input order (empty when none did). */
    readonly converted: readonly R[],
    /** The object holding `converted`; undefined when no record converted. */
    readonly partial: PartialObject | undefined,
  ) {
    super(`${failures.length} record(s) failed format conversion: ${failures[0]?.errorMessage ?? ''}`);
  }
}
