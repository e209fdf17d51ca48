// The S3 backup of a destination that is not an S3 bucket (HTTP endpoint, FIREHOSE.md §10–§11):
// a batch the destination refused (413) or did not take within RetryOptions.DurationInSeconds is
// written to the backup bucket's error prefix as one `http-endpoint-failed` document per record;
// with S3BackupMode AllData every batch is also copied there under the backup's own prefix. Both are
// compressed per the backup's CompressionFormat (with its extension, e.g. `.gz`), as Firehose does.

import type { DeliveryStreamDefinition, S3DestinationSettings } from '../delivery-stream-definition.js';
import type { SinkBatch } from '../sink.js';
import { errorDocument } from './error-document.js';
import type { Formatter } from './formatter-port.js';
import { ObjectNamer } from './object-namer.js';
import { errorPrefixParts, successPrefixParts, type PrefixPart } from './prefix-template.js';

/** Why and how long a batch failed. */
export interface DeliveryFailure {
  readonly error: unknown;
  /** Delivery attempts made so far. */
  readonly attempts: number;
  /** Epoch ms of the last attempt. */
  readonly at: number;
}

const FALLBACK_CODE = 'HttpEndpoint.DestinationException';

export class FailureBackup {
  private readonly namer: ObjectNamer;
  private readonly errorParts: PrefixPart[];
  private readonly copyParts: PrefixPart[];

  constructor(
    definition: Pick<DeliveryStreamDefinition, 'name' | 'versionId'>,
    backup: S3DestinationSettings,
    /** RetryOptions.DurationInSeconds in ms: how long after the first failed attempt the batch is backed up. */
    readonly afterMs: number,
    /** S3BackupMode AllData: every batch is also copied to the backup. */
    readonly allData: boolean,
    /** The backup's CompressionFormat; absent when UNCOMPRESSED (objects are stored as built). */
    private readonly compression?: {
      /** Error documents (already newline-terminated) → compressed body and extension. */
      readonly errors: Formatter;
      /** Records → the destination's delimiting, compressed. */
      readonly copies: Formatter;
    },
  ) {
    this.namer = new ObjectNamer(definition, backup.customTimeZone);
    this.errorParts = errorPrefixParts(backup.prefix, backup.errorOutputPrefix);
    this.copyParts = successPrefixParts(backup.prefix, false);
  }

  /** The error-output object for `batch` (one JSON document per record, newline-separated). */
  async failed(batch: SinkBatch, failure: DeliveryFailure): Promise<SinkBatch> {
    const err = failure.error as { code?: unknown; message?: unknown } | null;
    const code = typeof err?.code === 'string' && err.code.startsWith('HttpEndpoint.') ? err.code : FALLBACK_CODE;
    const message = typeof err?.message === 'string' ? err.message : String(failure.error);
    const records = batch.records.map((r) => ({
      ...r,
      data: errorDocument({
        type: 'http-endpoint-failed', attemptsMade: failure.attempts, arrivalTimestamp: r.approximateArrivalTimestamp,
        errorCode: code, errorMessage: message, attemptEndingTimestamp: failure.at, rawData: r.data,
        subsequenceNumber: 0, dataId: `${r.recordId}.0`,
      }),
    }));
    const { body, extension } = this.compression === undefined
      ? { body: Buffer.concat(records.map((r) => r.data)), extension: '' }
      : await this.compression.errors.encodeAsync(records);
    const objectKey = this.namer.name({ parts: this.errorParts, bufferKey: `backup:${batch.objectKey}`, records, extension, errorOutputType: 'http-endpoint-failed' });
    return { objectKey, body, records };
  }

  /** The AllData copy of `batch`: its body as encoded for the destination, or its records delimited so and compressed for the backup. */
  async copy(batch: SinkBatch): Promise<SinkBatch> {
    const { body, extension } = this.compression === undefined ? { body: batch.body, extension: '' } : await this.compression.copies.encodeAsync(batch.records);
    const objectKey = this.namer.name({ parts: this.copyParts, bufferKey: `copy:${batch.objectKey}`, records: batch.records, extension });
    return { ...batch, objectKey, body };
  }
}
