import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../engine/clock.js';
import { ManualSleeper } from '../mappings/engine/manual-sleeper.js';
import { SqliteStateStore } from '../storage/sqlite/sqlite-state-store.js';
import type { StateStore } from '../storage/state-store.js';
import { EventInvocations } from './event-invocations.js';
import { EVENT_INVOCATIONS_COLLECTION, type PendingEvent } from './event-queue-store.js';
import {
  FunctionNotFoundError,
  FunctionNotReadyError,
  FunctionThrottledError,
  type InvokeRequest,
  type InvokeResult,
} from './function-invoker.js';

type Outcome = 'ok' | 'error' | 'throttled' | 'not-ready' | 'not-found';

/** An invoker answering each call with the next scripted outcome (the last one repeats). */
function scripted(outcomes: Outcome[]) {
  const calls: InvokeRequest[] = [];
  const invoker = {
    invoke: async (request: InvokeRequest): Promise<InvokeResult> => {
      const outcome = outcomes[Math.min(calls.length, outcomes.length - 1)]!;
      calls.push(request);
      if (outcome === 'throttled') throw new FunctionThrottledError(request.functionName);
      if (outcome === 'not-ready') throw new FunctionNotReadyError(request.functionName, 'Pending', 'function is Pending');
      if (outcome === 'not-found') throw new FunctionNotFoundError(request.functionName);
      const result = { requestId: request.requestId!, payload: Buffer.from('null'), executedVersion: '$LATEST', durationMs: 0 };
      return outcome === 'error' ? { ...result, functionError: 'Unhandled' as const } : result;
    },
  };
  return { invoker, calls };
}

async function memoryStore(): Promise<StateStore> {
  const store = new SqliteStateStore({ path: ':memory:' });
  await store.open();
  return store;
}

/** The events stored, as [requestId, attempts, nextAttemptAt]. */
async function stored(store: StateStore): Promise<[string, number, number][]> {
  return (await store.list<PendingEvent>(EVENT_INVOCATIONS_COLLECTION)).map(({ value }) => [value.requestId, value.attempts, value.nextAttemptAt]);
}

async function setup(outcomes: Outcome[], retryDelaysMs?: number[], store?: StateStore, clock = new ManualClock(0)) {
  const { invoker, calls } = scripted(outcomes);
  const logs: { msg: string; attempt?: number; retryInMs?: number }[] = [];
  const logger = { warn: (obj: object, msg: string) => logs.push({ msg, ...(obj as { attempt?: number; retryInMs?: number }) }) };
  const sleeper = new ManualSleeper(clock);
  const theStore = store ?? (await memoryStore());
  const events = new EventInvocations({ invoker, logger, store: theStore, clock, maxPending: 10, sleeper, ...(retryDelaysMs && { retryDelaysMs }) });
  const brief = () => logs.map((l) => [l.msg, l.attempt, l.retryInMs]);
  return { events, calls, logs: brief, sleeper, clock, store: theStore };
}

/** Lets the event loop turn until `condition` holds (stored events start after their commit). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

const REQUEST = { functionName: 'f', payload: Buffer.from('{}'), requestId: 'req-1' };

describe('EventInvocations', () => {
  test('refuses beyond maxPending; a finished invocation frees its slot', async () => {
    const releases: (() => void)[] = [];
    const invoker = {
      invoke: (request: InvokeRequest): Promise<InvokeResult> =>
        new Promise((resolve) => releases.push(() => resolve({ requestId: request.requestId!, payload: Buffer.from('null'), executedVersion: '$LATEST', durationMs: 0 }))),
    };
    const events = new EventInvocations({ invoker, logger: { warn: () => undefined }, store: await memoryStore(), maxPending: 2 });
    assert.deepEqual(await Promise.all([events.submit(REQUEST), events.submit(REQUEST), events.submit(REQUEST)]), [true, true, false]);
    assert.equal(events.size, 2);
    await until(() => releases.length === 2);
    for (const release of releases) release();
    await events.drain();
    assert.equal(events.size, 0);
    assert.equal(await events.submit(REQUEST), true);
    await until(() => releases.length === 3);
    releases[2]!();
    await events.drain();
  });

  test('a function error is retried twice more, after 1 and 2 minutes by default, under the same request id', async () => {
    const { events, calls, logs, sleeper } = await setup(['error']);
    await events.submit(REQUEST);
    await sleeper.untilSleepOf(60_000);
    assert.equal(calls.length, 1);
    sleeper.advance(59_999);
    assert.equal(calls.length, 1);
    sleeper.advance(1);
    await sleeper.untilSleepOf(120_000);
    assert.equal(calls.length, 2);
    sleeper.advance(120_000);
    await events.drain();
    assert.deepEqual(calls.map((c) => c.requestId), ['req-1', 'req-1', 'req-1']);
    assert.deepEqual(logs(), [
      ['event invocation failed; retrying', 1, 60_000],
      ['event invocation failed; retrying', 2, 120_000],
      ['event invocation failed', 3, undefined],
    ]);
    assert.equal(events.size, 0);
  });

  test('stops retrying once an attempt succeeds', async () => {
    const { events, calls, logs } = await setup(['error', 'ok'], [0, 0]);
    await events.submit(REQUEST);
    await events.drain();
    assert.equal(calls.length, 2);
    assert.deepEqual(logs(), [['event invocation failed; retrying', 1, 0]]);
  });

  test('throttled and not-ready attempts are retried; a deleted function is not', async () => {
    const retried = await setup(['throttled', 'not-ready', 'ok'], [0, 0]);
    await retried.events.submit(REQUEST);
    await retried.events.drain();
    assert.equal(retried.calls.length, 3);
    assert.deepEqual(retried.logs(), [
      ['event invocation not run; retrying', 1, 0],
      ['event invocation not run; retrying', 2, 0],
    ]);

    const gone = await setup(['not-found'], [0, 0]);
    await gone.events.submit(REQUEST);
    await gone.events.drain();
    assert.equal(gone.calls.length, 1);
    assert.deepEqual(gone.logs(), [['event invocation not run', 1, undefined]]);
  });

  test('the number of retries follows retryDelaysMs (none when empty)', async () => {
    const none = await setup(['error'], []);
    await none.events.submit(REQUEST);
    await none.events.drain();
    assert.equal(none.calls.length, 1);
    assert.deepEqual(none.logs(), [['event invocation failed', 1, undefined]]);

    const one = await setup(['error'], [5]);
    await one.events.submit(REQUEST);
    await one.sleeper.untilSleepOf(5);
    one.sleeper.advance(5);
    await one.events.drain();
    assert.equal(one.calls.length, 2);
  });

  test('an invocation waiting for its retry still counts against maxPending', async () => {
    const { invoker } = scripted(['error']);
    const sleeper = new ManualSleeper(new ManualClock(0));
    const events = new EventInvocations({ invoker, logger: { warn: () => undefined }, store: await memoryStore(), clock: sleeper.clock, maxPending: 1, sleeper, retryDelaysMs: [1000] });
    assert.equal(await events.submit(REQUEST), true);
    await sleeper.untilSleepOf(1000);
    assert.deepEqual([events.size, await events.submit(REQUEST)], [1, false]);
    sleeper.advance(1000);
    await events.drain();
    assert.equal(await events.submit(REQUEST), true);
    await sleeper.untilSleepOf(1000);
    await events.close();
  });

  test('gives every attempt of a request without an id one generated id', async () => {
    const { events, calls } = await setup(['error'], [0, 0]);
    await events.submit({ functionName: 'f', payload: Buffer.from('{}') });
    await events.drain();
    assert.equal(calls.length, 3);
    assert.match(calls[0]!.requestId!, /^[0-9a-f-]{36}$/);
    assert.deepEqual(new Set(calls.map((c) => c.requestId)).size, 1);
  });

  test('close() stops waiting for retries at once (the events stay stored), waits for running attempts, and refuses new events', async () => {
    const { events, calls, logs, sleeper, store } = await setup(['error']);
    await events.submit(REQUEST);
    await sleeper.untilSleepOf(60_000);
    await events.close();
    assert.deepEqual([calls.length, events.size, sleeper.sleeping], [1, 0, []]);
    assert.deepEqual(logs(), [
      ['event invocation failed; retrying', 1, 60_000],
      ['event invocation kept for the next start before its retry', 1, undefined],
    ]);
    assert.equal(await events.submit(REQUEST), false);
    assert.deepEqual(await stored(store), [['req-1', 1, 60_000]]);
    await events.close();
  });

  test('close() lets an attempt already running finish', async () => {
    let release!: () => void;
    const invoked: string[] = [];
    const invoker = {
      invoke: (request: InvokeRequest): Promise<InvokeResult> =>
        new Promise((resolve) => {
          invoked.push(request.requestId!);
          release = () => resolve({ requestId: request.requestId!, payload: Buffer.from('null'), executedVersion: '$LATEST', durationMs: 0 });
        }),
    };
    const events = new EventInvocations({ invoker, logger: { warn: () => undefined }, store: await memoryStore(), maxPending: 5 });
    await events.submit(REQUEST);
    let closed = false;
    const closing = events.close().then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(closed, false);
    release();
    await closing;
    assert.deepEqual(invoked, ['req-1']);
  });

  describe('persistence', () => {
    test('an event is stored before submit resolves, updated on each retry, deleted when it succeeds', async () => {
      const { events, calls, sleeper, store } = await setup(['error', 'ok'], [1000]);
      const clock = sleeper.clock;
      clock.set(5000);
      await events.submit(REQUEST);
      await sleeper.untilSleepOf(1000);
      assert.deepEqual(await stored(store), [['req-1', 1, 6000]]);
      sleeper.advance(1000);
      await events.drain();
      assert.equal(calls.length, 2);
      assert.deepEqual(await stored(store), []);
    });

    test('an event finally dropped (retries spent, or its function deleted) is deleted', async () => {
      const spent = await setup(['error'], [0]);
      await spent.events.submit(REQUEST);
      await spent.events.drain();
      assert.deepEqual([spent.calls.length, await stored(spent.store)], [2, []]);

      const gone = await setup(['not-found'], [0, 0]);
      await gone.events.submit(REQUEST);
      await gone.events.drain();
      assert.deepEqual([gone.calls.length, await stored(gone.store)], [1, []]);
    });

    test('the stored event keeps everything the attempts need', async () => {
      const { events, calls, store } = await setup(['ok'], [0]);
      const bytes = Buffer.from('{"k":"\u00e9"}');
      await events.submit({ functionName: 'f', qualifier: '$LATEST', payload: bytes, requestId: 'req-9', clientContext: 'Y3R4' });
      const [entry] = await store.list<PendingEvent>(EVENT_INVOCATIONS_COLLECTION);
      assert.deepEqual({ ...entry!.value, key: undefined }, {
        key: undefined,
        functionName: 'f',
        qualifier: '$LATEST',
        payload: bytes.toString('base64'),
        requestId: 'req-9',
        clientContext: 'Y3R4',
        attempts: 0,
        nextAttemptAt: 0,
      });
      await events.drain();
      assert.deepEqual(calls, [{ functionName: 'f', qualifier: '$LATEST', payload: bytes, requestId: 'req-9', clientContext: 'Y3R4' }]);
    });

    test('after a restart a waiting event resumes at its next-attempt time and runs only its remaining attempts', async () => {
      const store = await memoryStore();
      const clock = new ManualClock(0);
      const first = await setup(['error'], [60_000, 120_000], store, clock);
      await first.events.submit(REQUEST);
      await first.sleeper.untilSleepOf(60_000);
      await first.events.close();
      assert.deepEqual(await stored(store), [['req-1', 1, 60_000]]);

      clock.set(20_000);
      const second = await setup(['error', 'ok'], [60_000, 120_000], store, clock);
      assert.equal(await second.events.load(), 1);
      assert.equal(second.events.size, 1);
      await second.sleeper.untilSleepOf(40_000);
      assert.equal(second.calls.length, 0);
      second.sleeper.advance(40_000);
      await second.sleeper.untilSleepOf(120_000);
      assert.deepEqual(second.logs(), [['event invocation failed; retrying', 2, 120_000]]);
      assert.deepEqual(await stored(store), [['req-1', 2, 180_000]]);
      second.sleeper.advance(120_000);
      await second.events.drain();
      assert.deepEqual(second.calls.map((c) => c.requestId), ['req-1', 'req-1']);
      assert.deepEqual(await stored(store), []);
    });

    test('an event whose attempt was interrupted by a crash runs again at once (at-least-once)', async () => {
      const store = await memoryStore();
      const crashed = await setup(['ok'], undefined, store);
      // A crash mid-attempt leaves the event as stored before the attempt: attempts 0, due at once.
      await store.commit([{ kind: 'put', collection: EVENT_INVOCATIONS_COLLECTION, key: '000000000000000-a', value: { key: '000000000000000-a', functionName: 'f', payload: 'e30=', requestId: 'req-a', attempts: 0, nextAttemptAt: 0 } }]);
      crashed.clock.set(999_999);
      assert.equal(await crashed.events.load(), 1);
      await crashed.events.drain();
      assert.deepEqual(crashed.calls.map((c) => [c.requestId, c.payload.toString()]), [['req-a', '{}']]);
      assert.deepEqual(await stored(store), []);
    });

    test('a reloaded event whose function was deleted is dropped, logged and deleted', async () => {
      const store = await memoryStore();
      await store.commit([{ kind: 'put', collection: EVENT_INVOCATIONS_COLLECTION, key: '000000000000000-b', value: { key: '000000000000000-b', functionName: 'gone', payload: 'e30=', requestId: 'req-b', attempts: 1, nextAttemptAt: 0 } }]);
      const { events, calls, logs } = await setup(['not-found'], [0, 0], store);
      await events.load();
      await events.drain();
      assert.equal(calls.length, 1);
      assert.deepEqual(logs(), [['event invocation not run', 2, undefined]]);
      assert.deepEqual(await stored(store), []);
    });

    test('reloaded events count against maxPending', async () => {
      const store = await memoryStore();
      const first = await setup(['error'], [1000], store);
      await first.events.submit({ ...REQUEST, requestId: 'r1' });
      await first.events.submit({ ...REQUEST, requestId: 'r2' });
      await first.sleeper.untilSleepOf(1000);
      await first.events.close();
      const { invoker } = scripted(['ok']);
      const sleeper = new ManualSleeper(new ManualClock(0));
      const events = new EventInvocations({ invoker, logger: { warn: () => undefined }, store, clock: sleeper.clock, sleeper, maxPending: 2, retryDelaysMs: [1000] });
      assert.equal(await events.load(), 2);
      assert.deepEqual([events.size, await events.submit(REQUEST)], [2, false]);
      sleeper.advance(1000);
      await events.drain();
      assert.deepEqual(await stored(store), []);
    });

    test('when the store fails, submit rejects and nothing is pending or run', async () => {
      const store = await memoryStore();
      const failing: StateStore = { ...bind(store), commit: async () => Promise.reject(new Error('disk full')) };
      const { invoker, calls } = scripted(['ok']);
      const events = new EventInvocations({ invoker, logger: { warn: () => undefined }, store: failing, maxPending: 1 });
      await assert.rejects(events.submit(REQUEST), /disk full/);
      await events.drain();
      assert.deepEqual([events.size, calls.length], [0, 0]);
    });
  });
});

/** The store's methods bound to it, to override one of them. */
function bind(store: StateStore): StateStore {
  return {
    open: () => store.open(),
    get: (collection, key) => store.get(collection, key),
    list: (collection, options) => store.list(collection, options),
    commit: (ops) => store.commit(ops),
    close: () => store.close(),
  };
}
