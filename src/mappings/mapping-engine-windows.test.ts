import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKPOINT_COLLECTION } from './engine/checkpoint-store.js';
import { createHarness, mappingOf, settle, STREAM_ARN, type Harness } from './engine/testing/engine-harness.js';

async function positions(h: Harness): Promise<number[]> {
  await h.engine.flushCheckpoints();
  return (await h.store.list<{ position: number }>(CHECKPOINT_COLLECTION)).map((e) => e.value.position);
}

// The harness clock starts at 1_700_000_000_000 ms (2023-11-14T22:13:20Z): 20 s into the epoch-aligned 60 s window 22:13:00–22:14:00.
const WINDOW_START = Math.floor(1_700_000_000_000 / 60_000) * 60_000;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 19) + 'Z';

describe('MappingEngine: tumbling windows', () => {
  test('state threads through the invocations of a window, then a final invocation closes it and the checkpoint moves', async () => {
    const h = await createHarness();
    try {
      h.invoker.respond = (call) => {
        const count = Number(call.event.state?.['count'] ?? 0) + call.event.Records.length;
        return { payload: JSON.stringify({ state: { count } }) };
      };
      await h.engine.apply(mappingOf({ tumblingWindowInSeconds: 60 }));
      await h.put([['a', '1'], ['b', '2']]);
      await h.invoker.untilCalls(1);
      await h.put([['c', '3']]);
      await h.invoker.untilCalls(2);
      await settle();
      assert.deepEqual(await positions(h), [0], 'nothing of an open window is checkpointed');
      const first = h.invoker.calls[0]!.event;
      assert.deepEqual(Object.keys(first), ['Records', 'window', 'state', 'shardId', 'eventSourceARN', 'isFinalInvokeForWindow', 'isWindowTerminatedEarly']);
      assert.deepEqual(
        { ...first, Records: first.Records.length },
        {
          Records: 2, window: { start: iso(WINDOW_START), end: iso(WINDOW_START + 60_000) }, state: {}, shardId: 'shardId-000000000000',
          eventSourceARN: STREAM_ARN, isFinalInvokeForWindow: false, isWindowTerminatedEarly: false,
        },
      );
      assert.deepEqual(h.invoker.calls[1]!.event.state, { count: 2 });

      h.sleeper.advance(WINDOW_START + 60_000 - h.clock.now());
      await h.invoker.untilCalls(3);
      const final = h.invoker.calls[2]!.event;
      assert.deepEqual(final.Records, []);
      assert.deepEqual(final.state, { count: 3 });
      assert.equal(final.isFinalInvokeForWindow, true);
      assert.equal(final.isWindowTerminatedEarly, false);
      while ((await positions(h))[0] !== 3) await settle(1);

      await h.put([['d', '4']]);
      await h.invoker.untilCalls(4);
      const next = h.invoker.calls[3]!.event;
      assert.deepEqual(next.state, {});
      assert.deepEqual(next.window, { start: iso(WINDOW_START + 60_000), end: iso(WINDOW_START + 120_000) });
    } finally {
      await h.close();
    }
  });

  test('a batch holds records of one window only; the next window starts after the final invocation of the previous one', async () => {
    const h = await createHarness();
    try {
      h.invoker.respond = () => ({ payload: '{"state":{}}' });
      await h.put([['a', '1']]);
      h.clock.advance(60_000);
      await h.put([['b', '2']]);
      await h.engine.apply(mappingOf({ tumblingWindowInSeconds: 60 }));
      await h.invoker.untilCalls(3);
      await settle();
      const calls = h.invoker.calls.map((c) => [c.event.Records.map((r) => r.kinesis.partitionKey), c.event.isFinalInvokeForWindow, c.event.window!.start]);
      assert.deepEqual(calls, [
        [['a'], false, iso(WINDOW_START)],
        [[], true, iso(WINDOW_START)],
        [['b'], false, iso(WINDOW_START + 60_000)],
      ]);
    } finally {
      await h.close();
    }
  });

  test('a response without state is a failed invocation and is retried', async () => {
    const h = await createHarness();
    try {
      h.invoker.respond = (_, i) => ({ payload: i === 0 ? '{"count":1}' : '{"state":{"ok":true}}' });
      await h.put([['a', '1']]);
      await h.engine.apply(mappingOf({ tumblingWindowInSeconds: 60 }));
      await h.invoker.untilCalls(2);
      await settle();
      assert.deepEqual(h.invoker.batches(), [['a'], ['a']]);
      assert.deepEqual(h.status.results, ['PROBLEM: Function call failed', 'OK']);
    } finally {
      await h.close();
    }
  });

  test('state over 1 MB ends the window early with a final invocation flagged isWindowTerminatedEarly', async () => {
    const h = await createHarness();
    try {
      const huge = 'x'.repeat(1_048_577);
      h.invoker.respond = (call) => ({ payload: call.event.isFinalInvokeForWindow ? 'null' : JSON.stringify({ state: { huge } }) });
      await h.put([['a', '1']]);
      await h.engine.apply(mappingOf({ tumblingWindowInSeconds: 60 }));
      await h.invoker.untilCalls(2);
      const final = h.invoker.calls[1]!.event;
      assert.equal(final.isFinalInvokeForWindow, true);
      assert.equal(final.isWindowTerminatedEarly, true);
      assert.equal((final.state as { huge: string }).huge.length, huge.length);
      while ((await positions(h))[0] !== 1) await settle(1);
    } finally {
      await h.close();
    }
  });
});
