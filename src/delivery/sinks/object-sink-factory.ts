// Chooses the sink for an object destination (S3 settings of a delivery stream): an S3Sink when an
// endpoint is configured, otherwise a FileSink whose bucket is the directory <bucketsRoot>/<bucket>
// (default <dataDir>/buckets/<bucket>), Tributary's embedded default.

import { join } from 'node:path';
import type { ObjectDestinationSettings } from '../delivery-stream-definition.js';
import type { Sink } from '../sink.js';
import { FileSink } from './file-sink.js';
import { S3Sink, type S3SinkOptions } from './s3-sink.js';

export interface ObjectSinkFactoryOptions {
  readonly dataDir: string;
  /** Where file-system buckets live (default `<dataDir>/buckets`). */
  readonly bucketsRoot?: string;
  /** fsync file-system objects before acknowledging (default true). */
  readonly fsync?: boolean;
  /** Static credentials for S3 endpoints; the SDK's default chain when absent. */
  readonly credentials?: S3SinkOptions['credentials'];
  /** Multipart and retry tuning for S3 endpoints. */
  readonly s3?: Pick<S3SinkOptions, 'forcePathStyle' | 'multipartThresholdBytes' | 'partSizeBytes' | 'partConcurrency' | 'maxAttempts'>;
}

/** Thrown for a bucket name that cannot be a directory (empty, `.`/`..`, or containing `/`). */
export class InvalidBucketNameError extends Error {
  constructor(readonly bucket: string) {
    super(`invalid bucket name ${JSON.stringify(bucket)}`);
    this.name = 'InvalidBucketNameError';
  }
}

export function createObjectSink(destination: ObjectDestinationSettings, options: ObjectSinkFactoryOptions): Sink {
  const { bucket } = destination;
  if (destination.endpoint !== undefined && destination.endpoint !== '') {
    return new S3Sink({
      ...options.s3,
      bucket,
      endpoint: destination.endpoint,
      ...(destination.region !== undefined ? { region: destination.region } : {}),
      ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
    });
  }
  if (bucket === '' || bucket === '.' || bucket === '..' || bucket.includes('/') || bucket.includes('\\') || bucket.includes('\0')) {
    throw new InvalidBucketNameError(bucket);
  }
  const root = options.bucketsRoot ?? join(options.dataDir, 'buckets');
  return new FileSink({ bucketDir: join(root, bucket), ...(options.fsync !== undefined ? { fsync: options.fsync } : {}) });
}
