import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKPOINT_COLLECTION } from './engine/checkpoint-store.js';
import { MAX_INVOKE_PAYLOAD_BYTES } from './engine/kinesis-event.js';
import { laneOf } from './engine/lane-of.js';
import { createHarness, mappingOf, settle } from './engine/testing/engine-harness.js';
import type { FakeResponse } from './engine/testing/fake-invoker.js';

async function positions(h: { store: { list<T>(c: string): Promise<{ key: string; value: T }[]> }; engine: { flushCheckpoints(): Promise<void> } }): Promise<number[]> {
  await h.engine.flushCheckpoints();
  return (await h.store.list<{ position: number }>(CHECKPOINT_COLLECTION)).map((e) => e.value.position);
}

describe('MappingEngine: batching, parallelization, filters', () => {
  test('MaximumBatchingWindowInSeconds waits for the window unless the batch fills up first', async () => {
    const h = await createHarness();
    try {
      await h.engine.apply(mappingOf({ batchSize: 10, maximumBatchingWindowInSeconds: 5 }));
      await h.put(Array.from({ length: 3 }, (_, i) => [`a${i}`, 'x'] as const));
      await h.sleeper.untilSleepOf(5000);
      h.sleeper.advance(4999);
      await settle();
      assert.equal(h.invoker.calls.length, 0);
      await h.put(Array.from({ length: 7 }, (_, i) => [`b${i}`, 'x'] as const));
      await h.invoker.untilCalls(1);
      assert.equal(h.invoker.batches()[0]!.length, 10);
      await h.put([['c0', 'x'], ['c1', 'x']]);
      await h.sleeper.untilSleepOf(5000);
      await settle();
      assert.equal(h.invoker.calls.length, 1);
      h.sleeper.advance(5000);
      await h.invoker.untilCalls(2);
      assert.deepEqual(h.invoker.batches()[1], ['c0', 'c1']);
    } finally {
      await h.close();
    }
  });

  test('a batch never exceeds the 6 MB payload limit; the record that would exceed it starts the next batch', async () => {
    const h = await createHarness();
    try {
      const big = Buffer.alloc(1_000_000, 7);
      for (let i = 0; i < 10; i += 2) await h.put([[`k${i}`, big], [`k${i + 1}`, big]]);
      await h.engine.apply(mappingOf({ batchSize: 100, maximumBatchingWindowInSeconds: 1 }));
      await h.invoker.untilCalls(2);
      await h.sleeper.untilSleepOf(1000);
      h.sleeper.advance(1000);
      await h.invoker.untilCalls(3);
      await settle();
      assert.deepEqual(h.invoker.batches().map((b) => b.length), [4, 4, 2]);
      const [first, second] = h.invoker.calls.map((c) => c.request.payload);
      assert.ok(first!.length <= MAX_INVOKE_PAYLOAD_BYTES);
      const nextRecord = JSON.stringify(h.invoker.calls[1]!.event.Records[0]);
      assert.ok(first!.length + 1 + Buffer.byteLength(nextRecord) > MAX_INVOKE_PAYLOAD_BYTES);
      assert.ok(second!.length <= MAX_INVOKE_PAYLOAD_BYTES);
    } finally {
      await h.close();
    }
  });

  test('ParallelizationFactor 2: two partition keys are processed concurrently, each in order, and the checkpoint waits for the slower lane', async () => {
    const h = await createHarness();
    try {
      const [a, b] = ['A', ...'BCDEFGHIJ'].filter((k, _, all) => laneOf(k, 2) !== laneOf(all[0]!, 2) || k === 'A').slice(0, 2) as [string, string];
      assert.notEqual(laneOf(a, 2), laneOf(b, 2));
      const release = new Map<string, () => void>();
      h.invoker.respond = (call) => new Promise<FakeResponse>((resolve) => release.set(Buffer.from(call.event.Records[0]!.kinesis.data, 'base64').toString(), () => resolve({})));
      await h.put([[a, 'a1'], [b, 'b1'], [a, 'a2'], [b, 'b2']]);
      await h.engine.apply(mappingOf({ batchSize: 1, parallelizationFactor: 2 }));
      await h.invoker.untilCalls(2);
      await settle();
      assert.deepEqual([...release.keys()].sort(), ['a1', 'b1']);
      release.get('a1')!();
      await h.invoker.untilCalls(3);
      release.get('a2')!();
      await settle();
      assert.equal(h.invoker.calls.length, 3);
      assert.deepEqual(await positions(h), [1]);
      release.get('b1')!();
      await h.invoker.untilCalls(4);
      release.get('b2')!();
      await settle();
      assert.deepEqual(await positions(h), [4]);
      const order = h.invoker.calls.map((c) => Buffer.from(c.event.Records[0]!.kinesis.data, 'base64').toString());
      assert.deepEqual(order, ['a1', 'b1', 'a2', 'b2']);
    } finally {
      await h.close();
    }
  });

  test('filters: each mapping gets only matching records; non-JSON data never matches a data pattern and the checkpoint moves past it', async () => {
    const h = await createHarness();
    try {
      await h.put([
        ['1', JSON.stringify({ event_type: 'function_1', n: 1 })],
        ['2', JSON.stringify({ event_type: 'function_2', n: 2 })],
        ['3', 'not json'],
        ['4', JSON.stringify({ event_type: 'function_1', n: 4 })],
      ]);
      await h.engine.apply(mappingOf({ filterPatterns: ['{"data":{"event_type":["function_1"]}}'] }));
      await h.engine.apply(mappingOf({ uuid: 'second', functionName: 'fn2', filterPatterns: ['{"data":{"event_type":["function_2"]}}'] }));
      await h.invoker.untilCalls(2);
      await settle();
      const keysOf = (fn: string): string[] => h.invoker.calls.filter((c) => c.request.functionName === fn).flatMap((c) => c.event.Records.map((r) => r.kinesis.partitionKey));
      assert.deepEqual(keysOf('fn'), ['1', '4']);
      assert.deepEqual(keysOf('fn2'), ['2']);
      assert.equal(h.invoker.calls[0]!.event.Records[0]!.kinesis.data, Buffer.from(JSON.stringify({ event_type: 'function_1', n: 1 })).toString('base64'));
      assert.deepEqual(await positions(h), [4, 4]);
    } finally {
      await h.close();
    }
  });

  test('when every record is filtered out nothing is invoked and the checkpoint still advances', async () => {
    const h = await createHarness();
    try {
      await h.put([['1', 'a'], ['2', 'b'], ['3', '{"x":1}']]);
      await h.engine.apply(mappingOf({ filterPatterns: ['{"data":{"x":[2]}}'] }));
      while ((await positions(h))[0] !== 3) await settle(1);
      assert.equal(h.invoker.calls.length, 0);
    } finally {
      await h.close();
    }
  });
});
