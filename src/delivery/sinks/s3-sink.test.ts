// S3Sink against a real s3rver child process on a free port: stored bytes must equal the bytes sent
// (no aws-chunked framing), for single PUTs and multipart uploads; redelivery overwrites.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { startS3rver, type S3rverProcess } from '../../../test/helpers/s3rver-process.js';
import { S3Sink, type S3SinkOptions } from './s3-sink.js';
import type { SinkBatch } from '../sink.js';

const BUCKET = 'landing';
let server: S3rverProcess;
let reader: S3Client;

function sink(extra: Partial<S3SinkOptions> = {}): S3Sink {
  return new S3Sink({ bucket: BUCKET, endpoint: server.endpoint, credentials: server.credentials, ...extra });
}

function batch(objectKey: string, body: Buffer, more: Partial<SinkBatch> = {}): SinkBatch {
  return { objectKey, body, records: [], ...more };
}

/** The object's bytes as s3rver stored them on disk (not through its GET path). */
function storedFile(key: string): Promise<Buffer> {
  const parts = key.split('/');
  const last = parts.pop()!;
  return readFile(join(server.directory, BUCKET, ...parts, `${last}._S3rver_object`));
}

async function getObject(key: string): Promise<Buffer> {
  const out = await reader.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}

function recordOperations(target: S3Sink): string[] {
  const operations: string[] = [];
  target.client.middlewareStack.add(
    (next, context) => (args) => {
      operations.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize' },
  );
  return operations;
}

describe('S3Sink (s3rver)', () => {
  before(async () => {
    server = await startS3rver();
    reader = new S3Client({
      endpoint: server.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: server.credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    await reader.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });

  after(async () => {
    reader.destroy();
    await server.stop();
  });

  test('a single PUT stores exactly the bytes sent, with content type and encoding', async () => {
    const target = sink();
    const operations = recordOperations(target);
    const body = randomBytes(200_000);
    const key = '2026/11/23/09/s-1-2026-11-23-09-40-00-0b1c.gz';
    await target.deliver(batch(key, body, { contentType: 'application/octet-stream', contentEncoding: 'gzip' }));
    assert.deepEqual(operations, ['PutObjectCommand']);
    assert.ok((await storedFile(key)).equals(body));
    assert.ok((await getObject(key)).equals(body));
    const head = await reader.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    assert.equal(head.ContentLength, 200_000);
    assert.equal(head.ContentType, 'application/octet-stream');
    assert.equal(head.ContentEncoding, 'gzip');
    await target.close();
  });

  test('newline-delimited text and an empty body are stored verbatim', async () => {
    const target = sink();
    const text = Buffer.from('{"a":1}\n{"b":"é"}\n');
    await target.deliver(batch('text/lines', text));
    assert.equal((await storedFile('text/lines')).toString('utf8'), '{"a":1}\n{"b":"é"}\n');
    await target.deliver(batch('text/empty', Buffer.alloc(0)));
    assert.equal((await storedFile('text/empty')).length, 0);
    await target.close();
  });

  test('above the threshold a multipart upload in parts stores exactly the bytes sent', async () => {
    const MiB = 1024 * 1024;
    const target = sink({ multipartThresholdBytes: 5 * MiB, partSizeBytes: 5 * MiB, partConcurrency: 2 });
    const operations = recordOperations(target);
    const body = randomBytes(11 * MiB + 123);
    await target.deliver(batch('big/object.bin', body));
    assert.deepEqual(operations, [
      'CreateMultipartUploadCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'CompleteMultipartUploadCommand',
    ]);
    const stored = await storedFile('big/object.bin');
    assert.equal(stored.length, 11 * MiB + 123);
    assert.ok(stored.equals(body));
    await target.close();
  });

  test('redelivering the same key overwrites: one object, last body', async () => {
    const target = sink();
    await target.deliver(batch('dup/k', Buffer.from('one')));
    await target.deliver(batch('dup/k', Buffer.from('two')));
    const list = await reader.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'dup/' }));
    assert.deepEqual(list.Contents?.map((o) => o.Key), ['dup/k']);
    assert.equal((await getObject('dup/k')).toString(), 'two');
    await target.close();
  });

  test('a missing bucket rejects with NoSuchBucket', async () => {
    const target = new S3Sink({ bucket: 'absent', endpoint: server.endpoint, credentials: server.credentials, maxAttempts: 1 });
    await assert.rejects(target.deliver(batch('k', Buffer.from('x'))), { name: 'NoSuchBucket' });
    await target.close();
  });

  test('an unreachable endpoint rejects (the pipeline retries)', async () => {
    const down = await startS3rver();
    await down.stop();
    const target = new S3Sink({ bucket: BUCKET, endpoint: down.endpoint, credentials: down.credentials, maxAttempts: 1 });
    await assert.rejects(target.deliver(batch('k', Buffer.from('x'))), { code: 'ECONNREFUSED' });
    await target.close();
  });
});
