import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { FunctionThrottledError } from '../functions/function-invoker.js';
import { MetricsHub } from '../metrics/metrics-hub.js';
import { createHarness, mappingOf, settle } from './engine/testing/engine-harness.js';
import type { FakeResponse } from './engine/testing/fake-invoker.js';

const FAIL: FakeResponse = { payload: '{"errorType":"Error","errorMessage":"boom","trace":[]}', functionError: 'Unhandled' };
const SHARD = 'shardId-000000000000';

describe('MappingEngine: status and metrics', () => {
  test('a failing batch shows "retrying attempt k of N since T" with its lag; counts per batch', async () => {
    const h = await createHarness();
    const hub = new MetricsHub({ clock: h.clock });
    await h.engine.close();
    h.engine = h.restart({ metrics: hub, tuning: { retryBaseDelayMs: 200 } });
    try {
      h.invoker.respond = (_, i) => (i < 2 ? FAIL : {});
      const arrival = h.clock.now();
      await h.put([['k', 'x']]);
      const mapping = mappingOf({ maximumRetryAttempts: 3 });
      await h.engine.apply(mapping);
      await h.invoker.untilCalls(1);
      await h.sleeper.untilSleepOf(200);
      const failedAt = h.clock.now();
      h.clock.advance(5000);
      const [lane] = h.engine.status().get(mapping.uuid)!;
      assert.deepEqual(
        { ...lane!, position: undefined },
        {
          shardId: SHARD,
          position: undefined,
          lagRecords: 1,
          lagMs: h.clock.now() - arrival,
          state: { kind: 'retrying', attempt: 2, maxAttempts: 4, sinceMs: failedAt, lastError: 'Unhandled' },
          reason: `retrying batch (attempt 2 of 4) since ${new Date(failedAt).toISOString()}: Unhandled`,
        },
      );
      assert.match(lane!.position!, /^\d{56}$/);
      const l = { EventSourceMappingUUID: mapping.uuid };
      const total = (metric: string): number => hub.series({ metric, labels: l }).v.reduce((a, b) => a + b, 0);
      assert.equal(total('lambda:PolledEventCount'), 1);
      assert.equal(total('lambda:InvokedEventCount'), 1);
      assert.equal(total('lambda:FailedInvokeEventCount'), 1);

      h.sleeper.advance(200);
      await h.invoker.untilCalls(2);
      await h.sleeper.untilSleepOf(400);
      assert.equal((h.engine.status().get(mapping.uuid)![0]!.state as { attempt: number }).attempt, 3);
      h.sleeper.advance(400);
      await h.invoker.untilCalls(3);
      await settle();
      await h.engine.flushCheckpoints();
      const [done] = h.engine.status().get(mapping.uuid)!;
      assert.deepEqual([done!.state, done!.lagRecords, done!.lagMs, done!.reason], [{ kind: 'idle' }, 0, 0, 'idle']);
      assert.equal(total('lambda:InvokedEventCount'), 3);
      assert.equal(total('lambda:FailedInvokeEventCount'), 2);
    } finally {
      await h.close();
    }
  });

  test('a function without free concurrency shows as throttled', async () => {
    const h = await createHarness();
    await h.engine.close();
    h.engine = h.restart({ metrics: new MetricsHub({ clock: h.clock }) });
    try {
      h.invoker.respond = () => new FunctionThrottledError('fn');
      await h.put([['k', 'x']]);
      const mapping = mappingOf();
      const startedAt = h.clock.now();
      await h.engine.apply(mapping);
      await h.invoker.untilCalls(2);
      const [lane] = h.engine.status().get(mapping.uuid)!;
      assert.deepEqual(lane!.state, { kind: 'throttled', sinceMs: startedAt });
      assert.equal(lane!.reason, `throttled since ${new Date(startedAt).toISOString()}`);
      assert.equal(lane!.lagRecords, 1);
    } finally {
      await h.close();
    }
  });
});
