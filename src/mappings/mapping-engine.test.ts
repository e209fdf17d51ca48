import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKPOINT_COLLECTION } from './engine/checkpoint-store.js';
import { createHarness, mappingOf, settle, STREAM, STREAM_ARN } from './engine/testing/engine-harness.js';

describe('MappingEngine: delivery, checkpoints, lifecycle', () => {
  test('ten records reach the function in one invocation with exactly the §1 event fields', async () => {
    const h = await createHarness();
    try {
      const seqs = await h.put(Array.from({ length: 10 }, (_, i) => [`test_${i}`, 'hello'] as const));
      await h.engine.apply(mappingOf());
      await h.invoker.untilCalls(1);
      await settle();
      assert.equal(h.invoker.calls.length, 1);
      const call = h.invoker.calls[0]!;
      assert.equal(call.request.functionName, 'fn');
      assert.equal(call.request.qualifier, undefined);
      const arrival = h.clock.now() / 1000;
      const expected = seqs.map((seq, i) => ({
        kinesis: { kinesisSchemaVersion: '1.0', partitionKey: `test_${i}`, sequenceNumber: seq, data: 'aGVsbG8=', approximateArrivalTimestamp: arrival },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `shardId-000000000000:${seq}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: 'arn:aws:iam::000000000000:role/lambda-role',
        awsRegion: 'us-east-1',
        eventSourceARN: STREAM_ARN,
      }));
      assert.equal(call.request.payload.toString(), JSON.stringify({ Records: expected }));
      assert.deepEqual(h.status.results, ['OK']);
    } finally {
      await h.close();
    }
  });

  test('a record put on an idle stream wakes the poller at once (no timer advanced)', async () => {
    const h = await createHarness();
    try {
      await h.engine.apply(mappingOf());
      await settle();
      assert.equal(h.invoker.calls.length, 0);
      await h.put([['k', 'first']]);
      await h.invoker.untilCalls(1);
      await h.put([['k', 'second']]);
      await h.invoker.untilCalls(2);
      assert.deepEqual(h.invoker.calls.map((c) => Buffer.from(c.event.Records[0]!.kinesis.data, 'base64').toString()), ['first', 'second']);
    } finally {
      await h.close();
    }
  });

  test('the checkpoint is durable before the next batch; a new engine resumes after the last finished batch', async () => {
    const h = await createHarness();
    try {
      await h.put(Array.from({ length: 5 }, (_, i) => [`k${i}`, `r${i}`] as const));
      await h.engine.apply(mappingOf({ batchSize: 2 }));
      await h.invoker.untilCalls(3);
      await settle();
      const stored = await h.store.list<{ position: number }>(CHECKPOINT_COLLECTION);
      assert.deepEqual(stored.map((e) => [e.key, e.value.position]), [[`${mappingOf().uuid}/shardId-000000000000`, 5]]);
      await h.engine.close();
      h.restart();
      await h.engine.apply(mappingOf({ batchSize: 2 }));
      await h.put([['k5', 'r5']]);
      await h.invoker.untilCalls(4);
      assert.deepEqual(h.invoker.batches(), [['k0', 'k1'], ['k2', 'k3'], ['k4'], ['k5']]);
    } finally {
      await h.close();
    }
  });

  test('close abandons a batch still in flight after the grace period without checkpointing it: it is delivered again after a restart', async () => {
    const h = await createHarness(1, { tuning: { retryBaseDelayMs: 0, stopGraceMs: 0 } });
    try {
      await h.put([['a', '1'], ['b', '2']]);
      let release: (() => void) | undefined;
      h.invoker.respond = (_, i) => (i === 1 ? new Promise((resolve) => (release = () => resolve({}))) : {});
      await h.engine.apply(mappingOf({ batchSize: 1 }));
      await h.invoker.untilCalls(2);
      await h.engine.close();
      release!();
      h.restart();
      await h.engine.apply(mappingOf({ batchSize: 1 }));
      await h.invoker.untilCalls(3);
      assert.deepEqual(h.invoker.batches(), [['a'], ['b'], ['b']]);
    } finally {
      await h.close();
    }
  });

  test('disable lets the invocation in flight finish and checkpoints it', async () => {
    const h = await createHarness();
    try {
      await h.put([['a', '1'], ['b', '2']]);
      let release: (() => void) | undefined;
      h.invoker.respond = (_, i) => (i === 0 ? new Promise((resolve) => (release = () => resolve({}))) : {});
      await h.engine.apply(mappingOf({ batchSize: 1 }));
      await h.invoker.untilCalls(1);
      const disabling = h.engine.apply(mappingOf({ batchSize: 1, enabled: false, state: 'Disabling' }));
      await settle();
      release!();
      await disabling;
      assert.equal(h.invoker.calls.length, 1);
      await h.engine.apply(mappingOf({ batchSize: 1 }));
      await h.invoker.untilCalls(2);
      await settle();
      assert.deepEqual(h.invoker.batches(), [['a'], ['b']]);
    } finally {
      await h.close();
    }
  });

  test('disable stops deliveries; enable resumes from the checkpoint with the records written meanwhile', async () => {
    const h = await createHarness();
    try {
      await h.engine.apply(mappingOf());
      await h.put([['a', '1']]);
      await h.invoker.untilCalls(1);
      await h.engine.apply(mappingOf({ enabled: false, state: 'Disabled' }));
      await h.put([['b', '2'], ['c', '3']]);
      await settle();
      assert.equal(h.invoker.calls.length, 1);
      await h.engine.apply(mappingOf({ enabled: true, state: 'Enabled' }));
      await h.invoker.untilCalls(2);
      assert.deepEqual(h.invoker.batches(), [['a'], ['b', 'c']]);
    } finally {
      await h.close();
    }
  });

  test('an update restarts the mapping from its checkpoint with the new settings; an unchanged apply does nothing', async () => {
    const h = await createHarness();
    try {
      await h.put([['a', '1'], ['b', '2'], ['c', '3']]);
      await h.engine.apply(mappingOf({ batchSize: 1 }));
      await h.invoker.untilCalls(3);
      await h.engine.apply(mappingOf({ batchSize: 1, lastProcessingResult: 'OK', state: 'Enabled' }));
      await h.engine.apply(mappingOf({ batchSize: 10, state: 'Updating' }));
      await h.put([['d', '4'], ['e', '5']]);
      await h.invoker.untilCalls(4);
      await settle();
      assert.deepEqual(h.invoker.batches(), [['a'], ['b'], ['c'], ['d', 'e']]);
    } finally {
      await h.close();
    }
  });

  test('LATEST skips records present when the mapping starts; AT_TIMESTAMP starts at the first record at or after it', async () => {
    const h = await createHarness();
    try {
      await h.put([['old', '1']]);
      h.clock.advance(5000);
      const at = h.clock.now();
      await h.put([['mid', '2']]);
      await h.engine.apply(mappingOf({ startingPosition: 'LATEST' }));
      await h.engine.apply(mappingOf({ uuid: 'second', functionName: 'fn2', startingPosition: 'AT_TIMESTAMP', startingPositionTimestamp: at }));
      await h.put([['new', '3']]);
      await h.invoker.untilCalls(2);
      await settle();
      const byFunction = (name: string): string[][] => h.invoker.calls.filter((c) => c.request.functionName === name).map((c) => c.event.Records.map((r) => r.kinesis.partitionKey));
      assert.deepEqual(byFunction('fn'), [['new']]);
      assert.deepEqual(byFunction('fn2').flat(), ['mid', 'new']);
    } finally {
      await h.close();
    }
  });

  test('a mapping whose stream is not there yet starts reading within a second of it appearing', async () => {
    const h = await createHarness();
    try {
      const arn = 'arn:aws:kinesis:us-east-1:000000000000:stream/later';
      await h.engine.apply(mappingOf({ eventSourceArn: arn }));
      await h.streams.create({ name: 'later', mode: 'PROVISIONED', shardCount: 1 });
      await h.records.putRecords({ streamName: 'later' }, [{ partitionKey: 'k', data: Buffer.from('x') }]);
      await settle();
      assert.equal(h.invoker.calls.length, 0);
      await h.sleeper.untilSleepOf(1000);
      h.sleeper.advance(1000);
      await h.invoker.untilCalls(1);
      assert.equal(h.invoker.calls[0]!.event.Records[0]!.eventSourceARN, arn);
    } finally {
      await h.close();
    }
  });

  test('a deleted and re-created stream is read again from the starting position', async () => {
    const h = await createHarness();
    try {
      await h.put([['a', '1']]);
      await h.engine.apply(mappingOf());
      await h.invoker.untilCalls(1);
      await settle();
      await h.streams.delete({ streamName: STREAM });
      await h.streams.create({ name: STREAM, mode: 'PROVISIONED', shardCount: 1 });
      await h.put([['b', '2']]);
      await h.sleeper.untilSleepOf(10_000);
      h.sleeper.advance(10_000);
      await h.invoker.untilCalls(2);
      assert.deepEqual(h.invoker.batches(), [['a'], ['b']]);
    } finally {
      await h.close();
    }
  });

  test('remove stops the mapping and deletes its checkpoints', async () => {
    const h = await createHarness();
    try {
      await h.put([['a', '1']]);
      await h.engine.apply(mappingOf());
      await h.invoker.untilCalls(1);
      await h.engine.remove(mappingOf().uuid);
      await h.put([['b', '2']]);
      await settle();
      assert.equal(h.invoker.calls.length, 1);
      assert.deepEqual(await h.store.list(CHECKPOINT_COLLECTION), []);
    } finally {
      await h.close();
    }
  });

  test('two mappings on one stream are independent consumers that each get every record', async () => {
    const h = await createHarness(2);
    try {
      await h.put(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'x'] as const));
      await h.engine.apply(mappingOf());
      await h.engine.apply(mappingOf({ uuid: 'other', functionName: 'fn2' }));
      await h.invoker.untilCalls(4);
      await settle();
      for (const name of ['fn', 'fn2']) {
        const keys = h.invoker.calls.filter((c) => c.request.functionName === name).flatMap((c) => c.event.Records.map((r) => r.kinesis.partitionKey));
        assert.deepEqual(keys.sort(), Array.from({ length: 20 }, (_, i) => `k${i}`).sort());
      }
    } finally {
      await h.close();
    }
  });
});
