// Object sink for any S3-compatible endpoint through the AWS SDK v3 S3 client: one PutObject per batch,
// or a multipart upload above a threshold. Checksums are computed only when an operation requires them
// (no aws-chunked trailer framing), with Content-MD5 per request instead, so the stored bytes are
// exactly the bytes sent and the server verifies them. Same key on redelivery ⇒ overwrite, no duplicate.

import { createHash } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { Sink, SinkBatch } from '../sink.js';

export interface S3SinkOptions {
  readonly bucket: string;
  /** S3-compatible endpoint URL, e.g. `http://127.0.0.1:4569`. */
  readonly endpoint: string;
  /** Signing region (default `us-east-1`). */
  readonly region?: string;
  /** Static credentials; the SDK's default provider chain when absent. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  /** Path-style addressing (`<endpoint>/<bucket>/<key>`; default true: what local S3 servers expect). */
  readonly forcePathStyle?: boolean;
  /** Bodies larger than this use a multipart upload (default 16 MiB). */
  readonly multipartThresholdBytes?: number;
  /** Size of every part but the last (default 8 MiB; S3 requires ≥ 5 MiB). */
  readonly partSizeBytes?: number;
  /** Parts uploaded at once (default 4). */
  readonly partConcurrency?: number;
  /** SDK attempts per request before deliver() rejects (default 3); the pipeline retries beyond that. */
  readonly maxAttempts?: number;
}

const MiB = 1024 * 1024;

export class S3Sink implements Sink {
  /** The configured client, exposed for instrumentation (middleware) only. */
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly threshold: number;
  private readonly partSize: number;
  private readonly concurrency: number;

  constructor(options: S3SinkOptions) {
    this.bucket = options.bucket;
    this.threshold = options.multipartThresholdBytes ?? 16 * MiB;
    this.partSize = options.partSizeBytes ?? 8 * MiB;
    this.concurrency = Math.max(1, options.partConcurrency ?? 4);
    if (this.partSize < 1) throw new RangeError('partSizeBytes must be positive');
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region ?? 'us-east-1',
      forcePathStyle: options.forcePathStyle ?? true,
      maxAttempts: options.maxAttempts ?? 3,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...(options.credentials !== undefined ? { credentials: { ...options.credentials } } : {}),
    });
  }

  /** Resolves once the object is stored under `batch.objectKey`; rejects with the S3 error otherwise. */
  async deliver(batch: SinkBatch): Promise<void> {
    if (batch.body.length > this.threshold) {
      await this.multipart(batch);
      return;
    }
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: batch.objectKey,
        Body: batch.body,
        ContentLength: batch.body.length,
        ContentMD5: md5(batch.body),
        ContentType: batch.contentType ?? 'application/octet-stream',
        ...(batch.contentEncoding !== undefined ? { ContentEncoding: batch.contentEncoding } : {}),
      }),
    );
  }

  /** Releases the client's sockets. */
  async close(): Promise<void> {
    this.client.destroy();
  }

  private async multipart(batch: SinkBatch): Promise<void> {
    const created = await this.client.send(
      new CreateMultipartUploadCommand({
        Bucket: this.bucket,
        Key: batch.objectKey,
        ContentType: batch.contentType ?? 'application/octet-stream',
        ...(batch.contentEncoding !== undefined ? { ContentEncoding: batch.contentEncoding } : {}),
      }),
    );
    const uploadId = created.UploadId;
    if (uploadId === undefined) throw new Error(`CreateMultipartUpload for ${batch.objectKey} returned no UploadId`);
    try {
      const parts = splitParts(batch.body, this.partSize);
      const etags: string[] = new Array<string>(parts.length);
      let next = 0;
      let failed = false;
      const worker = async (): Promise<void> => {
        while (next < parts.length && !failed) {
          const index = next++;
          const part = parts[index]!;
          const out = await this.client.send(
            new UploadPartCommand({
              Bucket: this.bucket,
              Key: batch.objectKey,
              UploadId: uploadId,
              PartNumber: index + 1,
              Body: part,
              ContentLength: part.length,
              ContentMD5: md5(part),
            }),
          );
          if (out.ETag === undefined) throw new Error(`UploadPart ${index + 1} of ${batch.objectKey} returned no ETag`);
          etags[index] = out.ETag;
        }
      };
      const guarded = (): Promise<void> =>
        worker().catch((err: unknown) => {
          failed = true;
          throw err;
        });
      await Promise.all(Array.from({ length: Math.min(this.concurrency, parts.length) }, guarded));
      await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: batch.objectKey,
          UploadId: uploadId,
          MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
        }),
      );
    } catch (err) {
      await this.client
        .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: batch.objectKey, UploadId: uploadId }))
        .catch(() => undefined);
      throw err;
    }
  }
}

function md5(body: Buffer): string {
  return createHash('md5').update(body).digest('base64');
}

/** Views (no copies) of `body` in `size`-byte parts; the last may be shorter. */
function splitParts(body: Buffer, size: number): Buffer[] {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < body.length; offset += size) parts.push(body.subarray(offset, offset + size));
  return parts;
}
