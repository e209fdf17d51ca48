import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findShardKeys } from './shard-discovery.js';

test('every directory holding a segment file is a shard named by its relative path', async () => {
  const root = await mkdtemp(join(tmpdir(), 'discovery-'));
  try {
    for (const d of ['s1/shardId-0', 's1/shardId-1', 's2/shardId-0', 'empty/shardId-0', '.trash/x', 'odd name/y']) await mkdir(join(root, d), { recursive: true });
    for (const d of ['s1/shardId-0', 's1/shardId-1', 's2/shardId-0', '.trash/x', 'odd name/y']) await writeFile(join(root, d, '00000000000000000000.log'), '');
    await writeFile(join(root, 'empty/shardId-0', 'notes.txt'), '');
    assert.deepEqual((await findShardKeys(root)).sort(), ['s1/shardId-0', 's1/shardId-1', 's2/shardId-0']);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
