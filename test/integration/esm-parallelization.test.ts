// ESM.md §12.9 (§7): ParallelizationFactor 2 on one shard. Records of different partition keys are
// processed concurrently (batches overlap in time, at most 2 at once), while each key's records
// arrive in order and never in two invocations at the same time.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EsmFixture } from './support/esm-fixture.js';
import { recordingHandler, recordText, type RecordedInvocation } from './support/esm-handler.js';

const STREAM = 'parallel-stream';
const KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
const PER_KEY = 3;

let fx: EsmFixture;

before(async () => {
  fx = await EsmFixture.start();
});

after(async () => {
  await fx?.close();
});

const overlap = (a: RecordedInvocation, b: RecordedInvocation): boolean => a.start < b.end && b.start < a.end;

/** Most invocations running at one instant (an end at the same instant as a start does not overlap). */
function maxConcurrency(calls: readonly RecordedInvocation[]): number {
  const events = calls.flatMap((c) => [[c.start, 1], [c.end, -1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let running = 0;
  let max = 0;
  for (const [, delta] of events) {
    running += delta;
    max = Math.max(max, running);
  }
  return max;
}

describe('ParallelizationFactor', () => {
  test('factor 2: different keys overlap in time, each key in order and never concurrent', async () => {
    const streamArn = await fx.createStream(STREAM);
    const fn = await fx.createFunction('parallel-fn', recordingHandler('await sleep(300); return null;'));
    const records = Array.from({ length: PER_KEY }, (_, n) => KEYS.map((key) => ({ key, data: `${key}${n}` }))).flat();
    await fx.put(STREAM, records);
    await fx.createMapping({
      FunctionName: fn.name,
      EventSourceArn: streamArn,
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 2,
      ParallelizationFactor: 2,
    });

    const all = await fx.waitForInvocations(fn, (calls) => calls.flatMap((c) => c.event.Records).length >= records.length, 'every record delivered');
    const byStart = [...all].sort((a, b) => a.start - b.start);
    const delivered = byStart.flatMap((c) => c.event.Records.map(recordText));
    assert.deepEqual([...delivered].sort(), records.map((r) => r.data).sort(), 'each record exactly once');
    assert.ok(all.every((c) => c.outcome === 'ok' && c.event.Records.length <= 2));

    for (const key of KEYS) {
      const ofKey = byStart.filter((c) => c.event.Records.some((r) => r.kinesis.partitionKey === key));
      const order = ofKey.flatMap((c) => c.event.Records.filter((r) => r.kinesis.partitionKey === key).map(recordText));
      assert.deepEqual(order, Array.from({ length: PER_KEY }, (_, n) => `${key}${n}`), `order of key ${key}`);
      for (let i = 0; i < ofKey.length; i++) {
        for (let j = i + 1; j < ofKey.length; j++) assert.ok(!overlap(ofKey[i]!, ofKey[j]!), `key ${key} delivered concurrently`);
      }
    }

    assert.ok(maxConcurrency(all) <= 2, `more than 2 concurrent invocations for one shard with factor 2 (${maxConcurrency(all)})`);
    const overlapping = byStart.some((call, i) => byStart.slice(i + 1).some((other) => overlap(call, other)));
    assert.ok(overlapping, 'no two batches overlapped in time');
  });
});
