import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GroupCommit } from './group-commit.js';
import type { FlushTarget } from './group-commit.js';
import type { EncodedBatch } from './entry-codec.js';
import { LogClosedError } from './segment-errors.js';

function batch(firstOffset: number): EncodedBatch {
  return { buffer: Buffer.alloc(10), entryEnds: new Uint32Array([10]), firstOffset, timestamp: 0 };
}

/** A target that records what happened; write resolves when `gate` allows it. */
class FakeTarget implements FlushTarget {
  readonly events: string[] = [];
  gate: Promise<void> = Promise.resolve();
  failWith: Error | undefined;
  constructor(readonly name: string) {}
  async write(batches: readonly EncodedBatch[]) {
    this.events.push(`write ${batches.map((b) => b.firstOffset).join(',')}`);
    await this.gate;
    if (this.failWith) throw this.failWith;
    return [{ sync: async () => void this.events.push('sync') }];
  }
  commit(batches: readonly EncodedBatch[]) {
    this.events.push(`commit ${batches.length}`);
  }
  fail(err: Error) {
    this.events.push(`fail ${err.message}`);
  }
}

test('appends queued together share one write and one sync per target', async () => {
  const group = new GroupCommit({ fsync: true, maxPendingBytes: 1000 });
  const a = new FakeTarget('a');
  const b = new FakeTarget('b');
  await Promise.all([group.submit(a, batch(0), 10), group.submit(b, batch(0), 10), group.submit(a, batch(1), 10), group.submit(a, batch(2), 10)]);
  assert.deepEqual(a.events, ['write 0,1,2', 'sync', 'commit 3']);
  assert.deepEqual(b.events, ['write 0', 'sync', 'commit 1']);
  assert.equal(group.pendingBytes, 0);
});

test('appends arriving during a round wait for the next round', async () => {
  const group = new GroupCommit({ fsync: false, maxPendingBytes: 1000 });
  const a = new FakeTarget('a');
  let open!: () => void;
  a.gate = new Promise((r) => (open = r));
  const first = group.submit(a, batch(0), 1);
  await new Promise((r) => setImmediate(r));
  const second = group.submit(a, batch(1), 1);
  const third = group.submit(a, batch(2), 1);
  open();
  await Promise.all([first, second, third]);
  assert.deepEqual(a.events, ['write 0', 'commit 1', 'write 1,2', 'commit 2']);
});

test('a failed write rejects that target only', async () => {
  const group = new GroupCommit({ fsync: true, maxPendingBytes: 1000 });
  const bad = new FakeTarget('bad');
  bad.failWith = new Error('disk full');
  const good = new FakeTarget('good');
  const results = await Promise.allSettled([group.submit(bad, batch(0), 1), group.submit(good, batch(0), 1)]);
  assert.equal(results[0].status, 'rejected');
  assert.equal((results[0] as PromiseRejectedResult).reason.message, 'disk full');
  assert.equal(results[1].status, 'fulfilled');
  assert.deepEqual(bad.events, ['write 0', 'fail disk full']);
});

test('admit makes callers wait in order once the pending bytes bound is reached', async () => {
  const group = new GroupCommit({ fsync: false, maxPendingBytes: 100 });
  const a = new FakeTarget('a');
  assert.equal(group.admit(60), undefined);
  const order: number[] = [];
  const second = group.admit(60)!.then(() => order.push(2));
  const third = group.admit(10)!.then(() => order.push(3));
  assert.ok(second instanceof Promise);
  assert.equal(group.pendingBytes, 60);
  await group.submit(a, batch(0), 60);
  await Promise.all([second, third]);
  assert.deepEqual(order, [2, 3]);
  assert.equal(group.pendingBytes, 70);
  group.release(70);
  assert.equal(group.pendingBytes, 0);
  assert.equal(group.admit(1000), undefined, 'an oversized batch is admitted alone');
});

test('exclusive work runs between rounds and sync waits for earlier appends', async () => {
  const group = new GroupCommit({ fsync: false, maxPendingBytes: 1000 });
  const a = new FakeTarget('a');
  const done = group.submit(a, batch(0), 1);
  const synced = group.sync().then(() => a.events.push('synced'));
  const exclusive = group.exclusive(async () => {
    a.events.push('exclusive');
    return 42;
  });
  assert.equal(await exclusive, 42);
  await Promise.all([done, synced]);
  assert.deepEqual(a.events, ['exclusive', 'write 0', 'commit 1', 'synced']);
  await group.sync();
});

test('close flushes queued appends and refuses new ones', async () => {
  const group = new GroupCommit({ fsync: true, maxPendingBytes: 10 });
  const a = new FakeTarget('a');
  group.admit(10);
  const waiting = assert.rejects(group.admit(5)!, LogClosedError);
  const queued = group.submit(a, batch(0), 10);
  await group.close();
  await queued;
  await waiting;
  assert.throws(() => group.admit(1), LogClosedError);
  assert.deepEqual(a.events, ['write 0', 'sync', 'commit 1']);
});
