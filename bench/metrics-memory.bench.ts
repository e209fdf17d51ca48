// Metrics memory with 1,000 shards: one MetricsHub (default settings) fed a full hour, second by
// second (ManualClock), for a stream of 1,000 shards read by one mapping: per shard IncomingRecords,
// IncomingBytes, GetRecords.Records/Bytes/IteratorAge, the mapping's IteratorAge and lag gauges,
// and a hot-key sketch offered 100 distinct keys per shard. Reports the ring bytes the hub
// accounts for and the heap growth, which must stay flat after the first minute.
// Alone: node --expose-gc dist/bench/metrics-memory.bench.js
import { ManualClock } from '../src/engine/clock.js';
import { MetricsHub } from '../src/metrics/metrics-hub.js';
import { isMain, report } from './support/bench-result.js';

const SHARDS = 1000;
const SECONDS = 3600;

function heapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1048576;
}

export function runMetricsMemory(): void {
  const clock = new ManualClock(1_700_000_000_000);
  const before = heapMiB();
  const hub = new MetricsHub({ clock });
  const stream = { StreamName: 'wide' };
  const perStream = [hub.counter('kinesis:IncomingRecords', stream), hub.counter('kinesis:IncomingBytes', stream)];
  const shards = Array.from({ length: SHARDS }, (_, i) => {
    const shard = { StreamName: 'wide', ShardId: `shardId-${String(i).padStart(12, '0')}` };
    const lane = { EventSourceMappingUUID: 'mapping-1', ShardId: shard.ShardId };
    return {
      counters: [
        hub.counter('kinesis:IncomingRecords', shard),
        hub.counter('kinesis:IncomingBytes', shard),
        hub.counter('kinesis:GetRecords.Records', shard),
        hub.counter('kinesis:GetRecords.Bytes', shard),
      ],
      gauges: [
        hub.gauge('kinesis:GetRecords.IteratorAgeMilliseconds', shard),
        hub.gauge('lambda:IteratorAge', lane),
        hub.gauge('lambda:MappingLagRecords', lane),
        hub.gauge('lambda:MappingLagMilliseconds', lane),
      ],
      keys: hub.hotKeys('kinesis:IncomingRecords', 'PartitionKey', shard),
    };
  });
  let afterMinute = 0;
  const started = performance.now();
  for (let s = 0; s < SECONDS; s++) {
    for (const h of perStream) h.add(1);
    for (let i = 0; i < SHARDS; i++) {
      const shard = shards[i]!;
      for (const c of shard.counters) c.add(s);
      for (const g of shard.gauges) g.set(s);
      shard.keys.offer(`key-${(s * 7 + i) % 100}`, 1);
    }
    clock.advance(1000);
    if (s === 60) afterMinute = heapMiB();
  }
  const elapsed = (performance.now() - started) / 1000;
  const after = heapMiB();
  const writes = SECONDS * SHARDS * 8;
  report({ bench: 'metrics-memory', metric: 'series ring bytes, 1,000 shards × 8 series + stream series', value: Math.round(hub.memoryBytes / 1048576 * 10) / 10, unit: 'MiB', notes: 'per-shard series: 10 s slots for 1 h' });
  report({ bench: 'metrics-memory', metric: 'heap + ArrayBuffer growth, whole hub', value: Math.round((after - before) * 10) / 10, unit: 'MiB', notes: 'gc before each reading (run with --expose-gc)' });
  report({ bench: 'metrics-memory', metric: 'heap + ArrayBuffer growth from minute 1 to hour 1', value: Math.round((after - afterMinute) * 10) / 10, unit: 'MiB' });
  report({ bench: 'metrics-memory', metric: 'handle writes', value: Math.round(writes / elapsed / 1e6 * 10) / 10, unit: 'M writes/s' });
}

if (isMain(import.meta.url)) runMetricsMemory();
