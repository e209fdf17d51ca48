import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../engine/clock.js';
import { MetricsHub } from './metrics-hub.js';

const T0 = 1_700_000_000_000;
const stream = { StreamName: 's1' };
const shard = { StreamName: 's1', ShardId: 'shardId-000000000000' };

describe('MetricsHub', () => {
  test('handles write 1-second series; per-shard series use the shard resolution', () => {
    const clock = new ManualClock(T0);
    const hub = new MetricsHub({ clock, retentionSeconds: 60, shardResolutionSeconds: 10 });
    const perStream = hub.counter('kinesis:IncomingRecords', stream);
    const perShard = hub.counter('kinesis:IncomingRecords', shard);
    assert.equal(hub.counter('kinesis:IncomingRecords', { ...stream }), perStream);
    perStream.add(3);
    perShard.add(3);
    clock.advance(1000);
    perStream.add(2);
    perShard.add(2);
    assert.deepEqual(hub.series({ metric: 'kinesis:IncomingRecords', labels: stream, sinceMs: T0 }), { t: [T0, T0 + 1000], v: [3, 2] });
    assert.deepEqual(hub.series({ metric: 'kinesis:IncomingRecords', labels: shard, sinceMs: T0 }), { t: [T0], v: [5] });
    assert.equal(hub.series({ metric: 'kinesis:IncomingRecords', labels: shard }).t.length, 6);
    assert.deepEqual(hub.series({ metric: 'kinesis:IncomingRecords', labels: { StreamName: 'other' } }), { t: [], v: [] });
    assert.deepEqual(hub.labelsOf('kinesis:IncomingRecords'), [stream, shard]);
    assert.equal(hub.memoryBytes, 60 * 4 + 6 * 4);
  });

  test('unknown metrics, wrong kinds and wrong dimension sets throw', () => {
    const hub = new MetricsHub({ clock: new ManualClock(T0) });
    assert.throws(() => hub.counter('kinesis:Nope', stream), /not in the catalogue/);
    assert.throws(() => hub.gauge('kinesis:IncomingRecords', stream), /is a counter, not a gauge/);
    assert.throws(() => hub.counter('kinesis:IncomingRecords', { FunctionName: 'f' }), /no dimension set FunctionName/);
  });

  test('memory stays within the budget: the least recently written series loses its history', () => {
    const clock = new ManualClock(T0);
    const hub = new MetricsHub({ clock, retentionSeconds: 100, memoryBytes: 1000 });
    const a = hub.counter('lambda:Invocations', { FunctionName: 'a' });
    const b = hub.counter('lambda:Invocations', { FunctionName: 'b' });
    const c = hub.counter('lambda:Invocations', { FunctionName: 'c' });
    a.add(1);
    clock.advance(1000);
    b.add(1);
    clock.advance(1000);
    c.add(1);
    assert.equal(hub.memoryBytes, 800);
    assert.deepEqual(hub.series({ metric: 'lambda:Invocations', labels: { FunctionName: 'a' } }), { t: [], v: [] });
    assert.deepEqual(hub.series({ metric: 'lambda:Invocations', labels: { FunctionName: 'c' }, sinceMs: T0 + 2000 }), { t: [T0 + 2000], v: [1] });
  });

  test('1,000 shards × 4 metrics stay within a few MiB with 10-second shard slots', () => {
    const clock = new ManualClock(T0);
    const hub = new MetricsHub({ clock });
    const metrics = ['kinesis:IncomingRecords', 'kinesis:IncomingBytes', 'kinesis:GetRecords.Bytes', 'kinesis:GetRecords.Records'];
    for (let i = 0; i < 1000; i++) {
      for (const m of metrics) hub.counter(m, { StreamName: 's', ShardId: `shardId-${i}` }).add(1);
    }
    assert.equal(hub.memoryBytes, 4000 * 360 * 4);
  });

  test('hot keys per scope and top(n)', () => {
    const hub = new MetricsHub({ clock: new ManualClock(T0), hotKeyCapacity: 4 });
    const keys = hub.hotKeys('kinesis:IncomingRecords', 'PartitionKey', shard);
    keys.offer('k1', 1);
    keys.offer('k2', 3);
    keys.offer('k1', 1);
    assert.deepEqual(hub.top('kinesis:IncomingRecords', 'PartitionKey', 1, shard), [{ key: 'k2', count: 3, error: 0 }]);
    assert.deepEqual(hub.top('kinesis:IncomingRecords', 'PartitionKey', 5, stream), []);
  });

  test('status gathers the sources; samplers run on demand', () => {
    const hub = new MetricsHub({ clock: new ManualClock(T0) });
    let depth = 0;
    const gauge = hub.gauge('sqs:ApproximateNumberOfMessagesVisible', { QueueName: 'q' });
    hub.addSampler(() => gauge.set(depth));
    hub.setMappingStatusSource(() => [{ uuid: 'u', functionName: 'f', streamName: 's', state: 'Enabled', lanes: [] }]);
    hub.addStatusSource('deliveryStreams', () => []);
    depth = 7;
    hub.sampleNow();
    assert.deepEqual(hub.series({ metric: 'sqs:ApproximateNumberOfMessagesVisible', labels: { QueueName: 'q' }, sinceMs: T0 }), { t: [T0], v: [7] });
    assert.deepEqual(hub.status(), {
      atMs: T0,
      mappings: [{ uuid: 'u', functionName: 'f', streamName: 's', state: 'Enabled', lanes: [] }],
      sources: { deliveryStreams: [] },
    });
  });

  test('disabled: handles do nothing and nothing is stored', async () => {
    const hub = new MetricsHub({ clock: new ManualClock(T0), enabled: false });
    hub.counter('kinesis:IncomingRecords', stream).add(5);
    hub.hotKeys('kinesis:IncomingRecords', 'PartitionKey', shard).offer('k', 1);
    assert.deepEqual(hub.series({ metric: 'kinesis:IncomingRecords', labels: stream }), { t: [], v: [] });
    assert.deepEqual(hub.top('kinesis:IncomingRecords', 'PartitionKey', 3, shard), []);
    assert.equal((await hub.prometheus()).body.trim(), '');
  });
});
