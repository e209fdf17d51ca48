import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createObjectSink, InvalidBucketNameError } from './object-sink-factory.js';
import { FileSink } from './file-sink.js';
import { S3Sink } from './s3-sink.js';

describe('createObjectSink', () => {
  test('without an endpoint: a FileSink whose bucket is <dataDir>/buckets/<bucket>', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'object-sink-'));
    try {
      const sink = createObjectSink({ bucket: 'lake', prefix: '' }, { dataDir });
      assert.ok(sink instanceof FileSink);
      await sink.deliver({ objectKey: '2026/11/23/09/s-1-x', body: Buffer.from('abc'), records: [] });
      assert.equal(await readFile(join(dataDir, 'buckets', 'lake', '2026/11/23/09/s-1-x'), 'utf8'), 'abc');
      await sink.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('bucketsRoot overrides where file buckets live', async () => {
    const root = await mkdtemp(join(tmpdir(), 'object-sink-'));
    try {
      const sink = createObjectSink({ bucket: 'b1', prefix: '', endpoint: '' }, { dataDir: join(root, 'unused'), bucketsRoot: join(root, 'r') });
      await sink.deliver({ objectKey: 'k', body: Buffer.from('z'), records: [] });
      assert.equal(await readFile(join(root, 'r', 'b1', 'k'), 'utf8'), 'z');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test('bucket names that are not a single directory name are refused', () => {
    for (const bucket of ['', '.', '..', 'a/b', 'a\\b']) {
      assert.throws(() => createObjectSink({ bucket, prefix: '' }, { dataDir: '/nowhere' }), InvalidBucketNameError, bucket);
    }
  });

  test('with an endpoint: an S3Sink', async () => {
    const sink = createObjectSink(
      { bucket: 'lake', prefix: '', endpoint: 'http://127.0.0.1:1', region: 'eu-west-1' },
      { dataDir: '/nowhere', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } },
    );
    assert.ok(sink instanceof S3Sink);
    assert.equal(await sink.client.config.region(), 'eu-west-1');
    await sink.close();
  });
});
