// Runs the StateStore contract against SqliteStateStore, file-backed and in memory.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStateStore } from '../../src/storage/sqlite/sqlite-state-store.js';
import type { StateStore } from '../../src/storage/state-store.js';
import { runStateStoreContract } from './state-store.contract.js';

runStateStoreContract('SqliteStateStore (file)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tributary-state-'));
  const path = join(dir, 'nested', 'state.db');
  let current: StateStore = new SqliteStateStore({ path });
  await current.open();
  return {
    store: current,
    async reopen() {
      await current.close();
      current = new SqliteStateStore({ path });
      await current.open();
      return current;
    },
    async dispose() {
      await current.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

runStateStoreContract('SqliteStateStore (:memory:)', async () => {
  const store = new SqliteStateStore({ path: ':memory:' });
  await store.open();
  return { store, dispose: () => store.close() };
});
