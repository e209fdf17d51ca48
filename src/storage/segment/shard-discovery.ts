// Finds the shards stored under a log's root: every directory (below the root) holding at least
// one segment file is a shard, named by its path relative to the root with '/' separators.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSegmentFileName } from './segment-files.js';

const DIR_NAME = /^[A-Za-z0-9_-]+$/;

/** Shard keys found under `root`, in no particular order. */
export async function findShardKeys(root: string): Promise<string[]> {
  const keys: string[] = [];
  async function walk(dir: string, prefix: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    if (prefix !== '' && entries.some((e) => e.isFile() && parseSegmentFileName(e.name) !== undefined)) keys.push(prefix);
    for (const e of entries) {
      if (e.isDirectory() && DIR_NAME.test(e.name)) await walk(join(dir, e.name), prefix === '' ? e.name : `${prefix}/${e.name}`);
    }
  }
  await walk(root, '');
  return keys;
}
