import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKPOINT_COLLECTION } from './engine/checkpoint-store.js';
import { createHarness, mappingOf, settle } from './engine/testing/engine-harness.js';

describe('MappingEngine.rewind', () => {
  test('TRIM_HORIZON on a running mapping delivers every record again, in order, and checkpoints at the end', async () => {
    const h = await createHarness();
    try {
      await h.put([['a', '1'], ['b', '2'], ['c', '3']]);
      await h.engine.apply(mappingOf());
      await h.invoker.untilCalls(1);
      await settle();
      await h.engine.rewind(mappingOf(), 'TRIM_HORIZON');
      await h.invoker.untilCalls(2);
      await settle();
      assert.deepEqual(h.invoker.batches(), [['a', 'b', 'c'], ['a', 'b', 'c']]);
      await h.engine.flushCheckpoints();
      const stored = await h.store.list<{ position: number }>(CHECKPOINT_COLLECTION);
      assert.deepEqual(stored.map((e) => e.value.position), [3]);
    } finally {
      await h.close();
    }
  });

  test('AT_TIMESTAMP starts at the first record that arrived at or after the timestamp', async () => {
    const h = await createHarness();
    try {
      await h.put([['old', 'x']]);
      h.clock.advance(60_000);
      const cut = h.clock.now();
      await h.put([['new1', 'y'], ['new2', 'z']]);
      await h.engine.apply(mappingOf());
      await h.invoker.untilCalls(1);
      await settle();
      await h.engine.rewind(mappingOf(), 'AT_TIMESTAMP', cut);
      await h.invoker.untilCalls(2);
      assert.deepEqual(h.invoker.batches(), [['old', 'new1', 'new2'], ['new1', 'new2']]);
    } finally {
      await h.close();
    }
  });

  test('a disabled mapping keeps the rewound checkpoint and starts from it when enabled', async () => {
    const h = await createHarness();
    try {
      await h.put([['a', '1'], ['b', '2']]);
      await h.engine.apply(mappingOf());
      await h.invoker.untilCalls(1);
      await settle();
      await h.engine.apply(mappingOf({ enabled: false, state: 'Disabled' }));
      await h.engine.rewind(mappingOf({ enabled: false, state: 'Disabled' }), 'TRIM_HORIZON');
      await settle();
      assert.equal(h.invoker.calls.length, 1);
      await h.engine.apply(mappingOf());
      await h.invoker.untilCalls(2);
      assert.deepEqual(h.invoker.batches(), [['a', 'b'], ['a', 'b']]);
    } finally {
      await h.close();
    }
  });
});
