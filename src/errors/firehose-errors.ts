// Firehose (Firehose_20150804) errors: plain `__type` names, HTTP 400 (503 for
// ServiceUnavailableException), AWS's wording where known. Provenance in docs/errors.md.

import { AwsError } from './aws-error.js';

/** Observed. */
export function deliveryStreamNotFound(name: string, accountId: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Firehose ${name} under account ${accountId} not found.`);
}

/** Reconstructed. */
export function deliveryStreamExists(name: string, accountId: string): AwsError {
  return new AwsError('ResourceInUseException', `Firehose ${name} under accountId ${accountId} already exists`);
}

/** Reconstructed: an operation the stream's status does not allow (delete while CREATING, put while not ACTIVE). */
export function deliveryStreamInStatus(name: string, status: string): AwsError {
  return new AwsError('ResourceInUseException', `Firehose ${name} is in ${status} state and cannot be used for this operation.`);
}

/** Reconstructed. */
export function versionIdMismatch(name: string, current: string, given: string): AwsError {
  return new AwsError(
    'ConcurrentModificationException',
    `Cannot update firehose: ${name} since the current version id: ${current} and specified version id: ${given} do not match`,
  );
}

/** Recalled from AWS answers (PutRecord/PutRecordBatch on a KinesisStreamAsSource stream). */
export function directPutNotPermitted(): AwsError {
  return new AwsError('InvalidArgumentException', 'This operation is not permitted on KinesisStreamAsSource delivery stream type.');
}

/** Reconstructed: PutRecordBatch with more than 500 records or more than 4 MiB. */
export function batchTooLarge(count: number, bytes: number): AwsError {
  return new AwsError(
    'InvalidArgumentException',
    `Records size exceeds limits: ${count} records (at most 500) of ${bytes} bytes (at most 4194304 bytes) in total.`,
  );
}

/** Reconstructed: a record over 1,000 KiB before base64. */
export function recordTooLarge(bytes: number): AwsError {
  return new AwsError('InvalidArgumentException', `Record size ${bytes} bytes exceeds the limit of 1024000 bytes.`);
}

/** Reconstructed: any other invalid configuration; the text names the problem. */
export function invalidFirehoseArgument(message: string): AwsError {
  return new AwsError('InvalidArgumentException', message);
}

/** Reconstructed: KinesisStreamSourceConfiguration naming a stream that does not exist. */
export function invalidKinesisSource(streamArn: string): AwsError {
  return new AwsError('InvalidArgumentException', `Kinesis stream ${streamArn} does not exist or is not ACTIVE.`);
}

/** Reconstructed: ExtendedS3 S3BackupMode Enabled without an S3BackupConfiguration (or, on update, S3BackupUpdate) naming a bucket. */
export function sourceBackupConfigurationMissing(): AwsError {
  return new AwsError('InvalidArgumentException', 'S3BackupConfiguration with a BucketARN must be specified when S3BackupMode is Enabled.');
}

/** Reconstructed: UpdateDestination turning an enabled ExtendedS3 source-record backup off (AWS documents that it cannot be disabled). */
export function sourceBackupCannotBeDisabled(): AwsError {
  return new AwsError('InvalidArgumentException', 'S3BackupMode cannot be changed from Enabled to Disabled: source record backup cannot be disabled once enabled.');
}
