import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSink } from './file-sink.js';
import { InvalidObjectKeyError } from './object-key-path.js';
import type { SinkBatch } from '../sink.js';

function batch(objectKey: string, body: Buffer): SinkBatch {
  return { objectKey, body, records: [] };
}

async function listAll(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('FileSink', () => {
  test('writes the body at <bucketDir>/<objectKey>, creating folders, with no temp file left', async () => {
    const root = await mkdtemp(join(tmpdir(), 'file-sink-'));
    try {
      const bucketDir = join(root, 'buckets', 'my-bucket');
      const sink = new FileSink({ bucketDir });
      const body = Buffer.from([0, 1, 2, 255, 10, 13, 0x1f, 0x8b]);
      await sink.deliver(batch('2026/11/23/09/s-1-2026-11-23-09-40-00-abc.gz', body));
      assert.deepEqual(await readFile(join(bucketDir, '2026/11/23/09/s-1-2026-11-23-09-40-00-abc.gz')), body);
      assert.deepEqual(await listAll(bucketDir), ['2026/11/23/09/s-1-2026-11-23-09-40-00-abc.gz']);
      await sink.close();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test('a redelivery of the same key overwrites instead of duplicating', async () => {
    const root = await mkdtemp(join(tmpdir(), 'file-sink-'));
    try {
      const sink = new FileSink({ bucketDir: root, fsync: false });
      await sink.deliver(batch('logs-a', Buffer.from('first')));
      await sink.deliver(batch('logs-a', Buffer.from('second')));
      assert.equal(await readFile(join(root, 'logs-a'), 'utf8'), 'second');
      assert.deepEqual(await listAll(root), ['logs-a']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test('an empty body lands as an empty file', async () => {
    const root = await mkdtemp(join(tmpdir(), 'file-sink-'));
    try {
      await new FileSink({ bucketDir: root }).deliver(batch('empty', Buffer.alloc(0)));
      assert.equal((await readFile(join(root, 'empty'))).length, 0);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test('keys that would escape the bucket or cannot be files are refused and nothing is written', async () => {
    const root = await mkdtemp(join(tmpdir(), 'file-sink-'));
    try {
      const bucketDir = join(root, 'b');
      const sink = new FileSink({ bucketDir });
      for (const key of ['../x', 'a/../../x', '/etc/x', 'a//b', 'dir/', '', './a', 'a\0b']) {
        await assert.rejects(sink.deliver(batch(key, Buffer.from('x'))), InvalidObjectKeyError, key);
      }
      assert.deepEqual(await readdir(root), []);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test('a failed write rejects and leaves no temp file behind', async () => {
    const root = await mkdtemp(join(tmpdir(), 'file-sink-'));
    try {
      const sink = new FileSink({ bucketDir: root });
      await sink.deliver(batch('a/b/c', Buffer.from('x')));
      // 'a/b' is now a non-empty directory: the temp file is written, then the rename fails.
      await assert.rejects(sink.deliver(batch('a/b', Buffer.from('y'))), { code: 'EISDIR' });
      assert.deepEqual(await listAll(root), ['a/b/c']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
