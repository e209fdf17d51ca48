// The ExtendedS3 source-record backup on the wire (S3BackupMode Enabled + S3BackupConfiguration,
// FIREHOSE.md §7): resolved into the engine's settings, merged by UpdateDestination (S3BackupUpdate;
// Disabled → Enabled allowed, Enabled → Disabled refused as AWS documents) and described as
// S3BackupDescription.

import type { SourceRecordBackupSettings } from '../../delivery/delivery-stream-definition.js';
import { parsePrefix } from '../../delivery/pipeline/prefix-template.js';
import { invalidFirehoseArgument, sourceBackupCannotBeDisabled, sourceBackupConfigurationMissing } from '../../errors/firehose-errors.js';
import { bufferingHints, s3Settings } from './destination-config.js';

type Wire = Readonly<Record<string, unknown>>;

/** A backup prefix may use timestamps and random strings, not partition keys (the backup is not partitioned). */
function checkPrefix(prefix: unknown): void {
  if (typeof prefix !== 'string') return;
  let kinds: string[];
  try {
    kinds = parsePrefix(prefix).map((p) => p.kind);
  } catch (err) {
    throw invalidFirehoseArgument(`S3BackupConfiguration.Prefix: ${(err as Error).message}.`);
  }
  if (kinds.includes('partitionKeyFromQuery') || kinds.includes('partitionKeyFromLambda')) {
    throw invalidFirehoseArgument('S3BackupConfiguration.Prefix: partitionKeyFromQuery and partitionKeyFromLambda expressions are not allowed (source records are not partitioned).');
  }
}

/** The engine's backup settings of an ExtendedS3 configuration; undefined unless S3BackupMode is Enabled. */
export function resolveSourceRecordBackup(config: Wire): SourceRecordBackupSettings | undefined {
  if (config.S3BackupMode !== 'Enabled') return undefined;
  const backup = config.S3BackupConfiguration as Wire | undefined;
  if (backup?.BucketARN === undefined) throw sourceBackupConfigurationMissing();
  checkPrefix(backup.Prefix);
  return {
    destination: s3Settings(backup, false),
    bufferingHints: bufferingHints(backup.BufferingHints, { sizeInMBs: 5, intervalInSeconds: 300 }),
  };
}

/**
 * An ExtendedS3DestinationUpdate (or S3DestinationUpdate) over the current ExtendedS3 configuration
 * (undefined when the destination type changes): fields merged, S3BackupUpdate merged into
 * S3BackupConfiguration; refuses to disable an enabled backup.
 */
export function mergeExtendedS3Update(current: Wire | undefined, update: Wire): Wire {
  const { S3BackupUpdate: backupUpdate, ...rest } = update;
  const merged: Record<string, unknown> = { ...(current ?? {}), ...rest };
  if (backupUpdate !== undefined) merged.S3BackupConfiguration = { ...((current?.S3BackupConfiguration ?? {}) as Wire), ...(backupUpdate as Wire) };
  if (current?.S3BackupMode === 'Enabled' && merged.S3BackupMode !== 'Enabled') throw sourceBackupCannotBeDisabled();
  return merged;
}
