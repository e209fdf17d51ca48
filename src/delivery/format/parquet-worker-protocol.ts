// Messages between the ParquetWorkerPool (main thread) and parquet-worker-main.ts (worker thread).
// Record bytes travel as one concatenated buffer plus offsets, transferred (not copied); the reply
// carries the Parquet body (transferred) and record indices instead of record objects.
import type { FormatConversionSettings } from '../delivery-stream-definition.js';

export interface ConvertRequest {
  readonly id: number;
  readonly settings: FormatConversionSettings;
  /** Every record's bytes, back to back. */
  readonly data: Uint8Array;
  /** Record i is data[offsets[i], offsets[i + 1]); length = records + 1. */
  readonly offsets: Uint32Array;
}

export interface IndexedFailure {
  readonly index: number;
  readonly errorCode: string;
  readonly errorMessage: string;
}

/** The outcome of one conversion with records named by their index in the request. */
export interface IndexedConversion {
  /** The Parquet file; undefined when no record converted. */
  readonly body: Uint8Array | undefined;
  /** Indices of the records the file holds, ascending. */
  readonly converted: Uint32Array;
  readonly failures: readonly IndexedFailure[];
}

export type ConvertReply =
  | ({ readonly id: number; readonly ok: true } & IndexedConversion)
  | { readonly id: number; readonly ok: false; readonly message: string };
