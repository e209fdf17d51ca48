import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { SqliteStateStore } from '../../storage/sqlite/sqlite-state-store.js';
import type { StateOp } from '../../storage/state-store.js';
import { CHECKPOINT_COLLECTION, CheckpointStore } from './checkpoint-store.js';

const logger = pino({ level: 'silent' });

async function openStore(): Promise<{ store: SqliteStateStore; commits: StateOp[][] }> {
  const store = new SqliteStateStore({ path: ':memory:' });
  await store.open();
  const commits: StateOp[][] = [];
  const commit = store.commit.bind(store);
  store.commit = async (ops) => {
    commits.push([...ops]);
    return commit(ops);
  };
  return { store, commits };
}

describe('CheckpointStore', () => {
  test('saves made in one turn share one commit and resolve once it is durable', async () => {
    const { store, commits } = await openStore();
    const checkpoints = new CheckpointStore(store, logger);
    await Promise.all([
      checkpoints.save('m1', 'shardId-000000000000', { streamId: 's', position: 5 }),
      checkpoints.save('m1', 'shardId-000000000001', { streamId: 's', position: 7 }),
      checkpoints.save('m2', 'shardId-000000000000', { streamId: 's', position: 1 }),
      checkpoints.save('m1', 'shardId-000000000000', { streamId: 's', position: 6 }),
    ]);
    assert.equal(commits.length, 1);
    const stored = await store.list<{ position: number }>(CHECKPOINT_COLLECTION);
    assert.deepEqual(stored.map((e) => [e.key, e.value.position]), [
      ['m1/shardId-000000000000', 6],
      ['m1/shardId-000000000001', 7],
      ['m2/shardId-000000000000', 1],
    ]);
  });

  test('load reads a mapping’s stored checkpoints back; drop deletes them and ignores later saves', async () => {
    const { store } = await openStore();
    const first = new CheckpointStore(store, logger);
    await first.save('m1', 'shardId-000000000000', { streamId: 's', position: 5, finished: true });
    await first.save('m2', 'shardId-000000000000', { streamId: 's', position: 9 });
    const second = new CheckpointStore(store, logger);
    await second.load('m1');
    assert.deepEqual(second.get('m1', 'shardId-000000000000'), { streamId: 's', position: 5, finished: true });
    assert.equal(second.get('m2', 'shardId-000000000000'), undefined);
    await second.drop('m1');
    await second.save('m1', 'shardId-000000000000', { streamId: 's', position: 8 });
    await second.flush();
    assert.deepEqual((await store.list(CHECKPOINT_COLLECTION)).map((e) => e.key), ['m2/shardId-000000000000']);
  });

  test('a failed commit is logged, resolves the waiters and is retried', async () => {
    const { store } = await openStore();
    const commit = store.commit.bind(store);
    let failures = 1;
    store.commit = async (ops) => {
      if (failures-- > 0) throw new Error('disk full');
      return commit(ops);
    };
    const checkpoints = new CheckpointStore(store, logger);
    await checkpoints.save('m', 'shardId-000000000000', { streamId: 's', position: 3 });
    assert.deepEqual(await store.list(CHECKPOINT_COLLECTION), []);
    await checkpoints.flush();
    assert.deepEqual((await store.list<{ position: number }>(CHECKPOINT_COLLECTION)).map((e) => e.value.position), [3]);
  });
});

describe('CheckpointStore pacing', () => {
  test('under load commits are at least minIntervalMs apart; the first one after a quiet spell is immediate', async () => {
    const { store, commits } = await openStore();
    const checkpoints = new CheckpointStore(store, logger, 40);
    const t0 = performance.now();
    await checkpoints.save('m', 'shardId-000000000000', { streamId: 's', position: 1 });
    const first = performance.now() - t0;
    await checkpoints.save('m', 'shardId-000000000000', { streamId: 's', position: 2 });
    const second = performance.now() - t0;
    assert.equal(commits.length, 2);
    assert.ok(first < 30, `first commit after ${first} ms`);
    assert.ok(second >= 38, `second commit after ${second} ms`);
  });
});
