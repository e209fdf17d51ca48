import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../clock.js';
import { SqliteStateStore } from '../../storage/sqlite/sqlite-state-store.js';
import { AccountSettings, COMMITMENT_MINIMUM_MS } from './account-settings.js';

test('the commitment is persisted and ends no earlier than its minimum', async () => {
  const store = new SqliteStateStore({ path: ':memory:' });
  await store.open();
  const clock = new ManualClock(1_000);
  const settings = new AccountSettings({ store, clock });
  await settings.load();
  assert.deepEqual(settings.throughputCommitment(), { status: 'DISABLED' });
  assert.equal(settings.commitmentInForce(), false);
  await settings.updateThroughputCommitment('ENABLED');
  clock.advance(10);
  await settings.updateThroughputCommitment('DISABLED');
  const reloaded = new AccountSettings({ store, clock });
  await reloaded.load();
  const end = 1_000 + COMMITMENT_MINIMUM_MS;
  assert.deepEqual(reloaded.throughputCommitment(), { status: 'ENABLED_UNTIL_EARLIEST_ALLOWED_END', startedAt: 1_000, earliestAllowedEndAt: end, endedAt: end });
  assert.equal(reloaded.commitmentInForce(), true);
  await reloaded.updateThroughputCommitment('ENABLED');
  assert.deepEqual(reloaded.throughputCommitment(), { status: 'ENABLED', startedAt: 1_000, earliestAllowedEndAt: end });
  clock.set(end);
  await reloaded.updateThroughputCommitment('DISABLED');
  assert.deepEqual(reloaded.throughputCommitment(), { status: 'DISABLED', startedAt: 1_000, earliestAllowedEndAt: end, endedAt: end });
  await store.close();
});
