import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../engine/clock.js';
import { ManualSleeper } from '../mappings/engine/manual-sleeper.js';
import { EventInvocations } from './event-invocations.js';
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

function setup(outcomes: Outcome[], retryDelaysMs?: number[]) {
  const { invoker, calls } = scripted(outcomes);
  const logs: { msg: string; attempt?: number; retryInMs?: number }[] = [];
  const logger = { warn: (obj: object, msg: string) => logs.push({ msg, ...(obj as { attempt?: number; retryInMs?: number }) }) };
  const sleeper = new ManualSleeper(new ManualClock(0));
  const events = new EventInvocations({ invoker, logger, maxPending: 10, sleeper, ...(retryDelaysMs && { retryDelaysMs }) });
  const brief = () => logs.map((l) => [l.msg, l.attempt, l.retryInMs]);
  return { events, calls, logs: brief, sleeper };
}

const REQUEST = { functionName: 'f', payload: Buffer.from('{}'), requestId: 'req-1' };

describe('EventInvocations', () => {
  test('refuses beyond maxPending; a finished invocation frees its slot', async () => {
    const releases: (() => void)[] = [];
    const invoker = {
      invoke: (request: InvokeRequest): Promise<InvokeResult> =>
        new Promise((resolve) => releases.push(() => resolve({ requestId: request.requestId!, payload: Buffer.from('null'), executedVersion: '$LATEST', durationMs: 0 }))),
    };
    const events = new EventInvocations({ invoker, logger: { warn: () => undefined }, maxPending: 2 });
    assert.deepEqual([events.submit(REQUEST), events.submit(REQUEST), events.submit(REQUEST)], [true, true, false]);
    assert.equal(events.size, 2);
    for (const release of releases) release();
    await events.drain();
    assert.equal(events.size, 0);
    assert.equal(events.submit(REQUEST), true);
    releases[2]!();
    await events.drain();
  });

  test('a function error is retried twice more, after 1 and 2 minutes by default, under the same request id', async () => {
    const { events, calls, logs, sleeper } = setup(['error']);
    events.submit(REQUEST);
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
    const { events, calls, logs } = setup(['error', 'ok'], [0, 0]);
    events.submit(REQUEST);
    await events.drain();
    assert.equal(calls.length, 2);
    assert.deepEqual(logs(), [['event invocation failed; retrying', 1, 0]]);
  });

  test('throttled and not-ready attempts are retried; a deleted function is not', async () => {
    const retried = setup(['throttled', 'not-ready', 'ok'], [0, 0]);
    retried.events.submit(REQUEST);
    await retried.events.drain();
    assert.equal(retried.calls.length, 3);
    assert.deepEqual(retried.logs(), [
      ['event invocation not run; retrying', 1, 0],
      ['event invocation not run; retrying', 2, 0],
    ]);

    const gone = setup(['not-found'], [0, 0]);
    gone.events.submit(REQUEST);
    await gone.events.drain();
    assert.equal(gone.calls.length, 1);
    assert.deepEqual(gone.logs(), [['event invocation not run', 1, undefined]]);
  });

  test('the number of retries follows retryDelaysMs (none when empty)', async () => {
    const none = setup(['error'], []);
    none.events.submit(REQUEST);
    await none.events.drain();
    assert.equal(none.calls.length, 1);
    assert.deepEqual(none.logs(), [['event invocation failed', 1, undefined]]);

    const one = setup(['error'], [5]);
    one.events.submit(REQUEST);
    await one.sleeper.untilSleepOf(5);
    one.sleeper.advance(5);
    await one.events.drain();
    assert.equal(one.calls.length, 2);
  });

  test('an invocation waiting for its retry still counts against maxPending', async () => {
    const { invoker } = scripted(['error']);
    const sleeper = new ManualSleeper(new ManualClock(0));
    const events = new EventInvocations({ invoker, logger: { warn: () => undefined }, maxPending: 1, sleeper, retryDelaysMs: [1000] });
    assert.equal(events.submit(REQUEST), true);
    await sleeper.untilSleepOf(1000);
    assert.deepEqual([events.size, events.submit(REQUEST)], [1, false]);
    sleeper.advance(1000);
    await events.drain();
    assert.equal(events.submit(REQUEST), true);
    await sleeper.untilSleepOf(1000);
    await events.close();
  });

  test('gives every attempt of a request without an id one generated id', async () => {
    const { events, calls } = setup(['error'], [0, 0]);
    events.submit({ functionName: 'f', payload: Buffer.from('{}') });
    await events.drain();
    assert.equal(calls.length, 3);
    assert.match(calls[0]!.requestId!, /^[0-9a-f-]{36}$/);
    assert.deepEqual(new Set(calls.map((c) => c.requestId)).size, 1);
  });

  test('close() drops waiting retries at once, waits for running attempts, and refuses new events', async () => {
    const { events, calls, logs, sleeper } = setup(['error']);
    events.submit(REQUEST);
    await sleeper.untilSleepOf(60_000);
    await events.close();
    assert.deepEqual([calls.length, events.size, sleeper.sleeping], [1, 0, []]);
    assert.deepEqual(logs(), [
      ['event invocation failed; retrying', 1, 60_000],
      ['event invocation dropped at shutdown before its retry', 1, undefined],
    ]);
    assert.equal(events.submit(REQUEST), false);
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
    const events = new EventInvocations({ invoker, logger: { warn: () => undefined }, maxPending: 5 });
    events.submit(REQUEST);
    let closed = false;
    const closing = events.close().then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(closed, false);
    release();
    await closing;
    assert.deepEqual(invoked, ['req-1']);
  });
});
