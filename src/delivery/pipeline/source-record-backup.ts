// The source-record backup of an ExtendedS3 destination (S3BackupMode Enabled, FIREHOSE.md §7):
// source records as received go to their own buffer, flushed by the backup's BufferingHints and
// delivered by their own worker (own queue and spool, so a backup outage never delays the destination),
// compressed by its CompressionFormat and named under its Prefix (default `YYYY/MM/DD/HH/`) with the
// same deterministic object names as the destination, so a retried or replayed buffer overwrites.

import type { BufferingHints, DeliveryStreamDefinition, SourceRecordBackupSettings } from '../delivery-stream-definition.js';
import type { DeliveryRecord, SinkBatch } from '../sink.js';
import type { SourceRecord } from './delivery-source.js';
import type { DeliveryWorker } from './delivery-worker.js';
import type { Formatter } from './formatter-port.js';
import { ObjectNamer } from './object-namer.js';
import { successPrefixParts, type PrefixPart } from './prefix-template.js';

/** Buffer key of the (single) backup buffer; part of its objects' name seed. */
export const SOURCE_BACKUP_BUFFER = 'source-backup';

export class SourceRecordBackup {
  private readonly namer: ObjectNamer;
  readonly parts: readonly PrefixPart[];
  readonly hints: BufferingHints;

  constructor(
    definition: Pick<DeliveryStreamDefinition, 'name' | 'versionId'>,
    settings: SourceRecordBackupSettings,
    /** Encodes with the backup's compression, no delimiter, no conversion (`createFormatter`). */
    private readonly formatter: Formatter,
    /** Delivers the backup objects, with its own queue and spool. */
    readonly worker: DeliveryWorker,
    /** The destination's CustomTimeZone (the backup configuration has none of its own). */
    timeZone: string | undefined,
  ) {
    this.namer = new ObjectNamer(definition, timeZone);
    this.parts = successPrefixParts(settings.destination.prefix, false);
    this.hints = settings.bufferingHints;
  }

  /** The record as it goes into the backup: the source bytes, unchanged. */
  static record(source: SourceRecord): DeliveryRecord {
    return { recordId: source.recordId, data: source.data, approximateArrivalTimestamp: source.approximateArrivalTimestamp };
  }

  /** The backup object for `records` (at least one, in arrival order). */
  async batch(records: readonly DeliveryRecord[]): Promise<SinkBatch> {
    const { body, extension, contentType, contentEncoding } = await this.formatter.encodeAsync(records);
    return {
      objectKey: this.namer.name({ parts: this.parts, bufferKey: SOURCE_BACKUP_BUFFER, records, extension }),
      body, records,
      ...(contentType !== undefined ? { contentType } : {}),
      ...(contentEncoding !== undefined ? { contentEncoding } : {}),
    };
  }
}
