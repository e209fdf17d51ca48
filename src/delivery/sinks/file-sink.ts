// Object sink whose "bucket" is a directory: each batch becomes one file at <bucketDir>/<objectKey>,
// written to a temp file, fsynced, then renamed into place, so readers never see a partial object and
// a retried delivery of the same buffer overwrites instead of duplicating.

import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Sink, SinkBatch } from '../sink.js';
import { objectKeyPath } from './object-key-path.js';

export interface FileSinkOptions {
  /** The bucket directory (created when missing). */
  readonly bucketDir: string;
  /** fsync the file and its directory before resolving (default true). */
  readonly fsync?: boolean;
}

export class FileSink implements Sink {
  private readonly bucketDir: string;
  private readonly fsync: boolean;

  constructor(options: FileSinkOptions) {
    this.bucketDir = options.bucketDir;
    this.fsync = options.fsync ?? true;
  }

  /** Resolves once the object is in place (durably when fsync is on); rejects on any I/O failure. */
  async deliver(batch: SinkBatch): Promise<void> {
    const target = objectKeyPath(this.bucketDir, batch.objectKey);
    const dir = dirname(target);
    const firstCreated = await mkdir(dir, { recursive: true });
    const temp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temp, 'w');
      try {
        await handle.writeFile(batch.body);
        if (this.fsync) await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    if (this.fsync) await syncNewPath(dir, firstCreated);
  }

  /** Nothing to release: every delivery opens and closes its own file. */
  async close(): Promise<void> {}
}

/** fsyncs `dir` and, when folders were just created (from `firstCreated` down), each of their parents. */
async function syncNewPath(dir: string, firstCreated: string | undefined): Promise<void> {
  const dirs = [dir];
  if (firstCreated !== undefined) {
    for (let d = dir; dirname(d) !== d; d = dirname(d)) {
      dirs.push(dirname(d));
      if (d === firstCreated) break;
    }
  }
  for (const d of dirs) await syncDirectory(d);
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
