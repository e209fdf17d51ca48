// Put-path micro-benchmark: records/s of the data plane's PutRecords with no HTTP in the way.
// Workload as in the ingest benchmark: 4 shards, random partition keys, 1 KiB random records,
// 500 entries per request, 8 requests in flight. Three levels:
//   engine      RecordService.putRecords over a log that only counts (pure engine CPU)
//   operation   JSON decode + model validation (base64) + put-records.ts + engine + JSON encode
//               of the response, same counting log
//   segment-log operation level over the real SegmentRecordLog with fsync (end to end minus HTTP)
// Usage: node dist/bench/put-path.bench.js [--seconds N]

import crypto from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../src/engine/clock.js';
import { RecordService } from '../src/engine/streams/record-service.js';
import { StreamRegistry } from '../src/engine/streams/stream-registry.js';
import { SqliteStateStore } from '../src/storage/sqlite/sqlite-state-store.js';
import { SegmentRecordLog } from '../src/storage/segment/segment-record-log.js';
import type { AppendRecord, AppendResult, RecordLog, ShardBounds } from '../src/storage/record-log.js';
import { createModelService } from '../src/api/model/model-service.js';
import { loadServiceModel } from '../src/api/model/service-model.js';
import { putRecords } from '../src/api/kinesis/put-records.js';
import { decodeJson, encodeJson } from '../src/protocol/json-codec.js';
import type { RequestContext } from '../src/api/operation.js';
import { benchSeconds, report } from './support/bench-result.js';

const SHARDS = 4;
const BATCH = 500;
const IN_FLIGHT = 8;
const RECORD_BYTES = 1024;

/** A RecordLog that assigns offsets and forgets the data: isolates the engine's own cost. */
class CountingRecordLog implements RecordLog {
  private readonly ends = new Map<string, number>();
  async open(): Promise<void> {}
  async createShard(shard: string): Promise<void> {
    if (!this.ends.has(shard)) this.ends.set(shard, 0);
  }
  hasShard(shard: string): boolean {
    return this.ends.has(shard);
  }
  listShards(): string[] {
    return [...this.ends.keys()];
  }
  async append(shard: string, records: readonly AppendRecord[], timestamp: number): Promise<AppendResult> {
    const firstOffset = this.ends.get(shard)!;
    this.ends.set(shard, firstOffset + records.length);
    return { firstOffset, timestamp };
  }
  async read(): Promise<never> {
    throw new Error('not readable');
  }
  async offsetForTimestamp(shard: string): Promise<number> {
    return this.ends.get(shard)!;
  }
  bounds(shard: string): ShardBounds {
    const end = this.ends.get(shard)!;
    return { startOffset: end, endOffset: end, lastTimestamp: undefined, sealed: false };
  }
  async trimBefore(): Promise<void> {}
  async seal(): Promise<void> {}
  async deleteShard(shard: string): Promise<void> {
    this.ends.delete(shard);
  }
  async close(): Promise<void> {}
}

interface Setup {
  readonly records: RecordService;
  /** Decodes a JSON request body, runs PutRecords, encodes the response. */
  readonly invoke: (body: Buffer) => Promise<Buffer>;
  readonly close: () => Promise<void>;
}

async function setUp(log: RecordLog): Promise<Setup> {
  await log.open();
  const store = new SqliteStateStore({ path: ':memory:' });
  await store.open();
  const common = { store, log, clock: systemClock, accountId: '000000000000', region: 'us-east-1' };
  const streams = new StreamRegistry({ ...common, createDelayMs: 0, deleteDelayMs: 0, updateDelayMs: 0, shardLimit: 500, onDemandStreamCountLimit: 50 });
  await streams.load();
  await streams.create({ name: 'bench', mode: 'PROVISIONED', shardCount: SHARDS });
  const records = new RecordService({ streams, log, clock: systemClock, store });
  await records.init();
  const service = createModelService({
    model: loadServiceModel('kinesis'),
    targetPrefix: 'Kinesis_20131202',
    signingName: 'kinesis',
    jsonVersion: '1.1',
    operations: [putRecords],
    deps: { records },
  });
  const ctx: RequestContext = { requestId: 'bench', accountId: '000000000000', region: 'us-east-1', clock: systemClock };
  return {
    records,
    invoke: async (body) => encodeJson(await service.invoke('PutRecords', decodeJson(body), 'json', ctx)),
    close: async () => {
      await records.close();
      await streams.close();
      await log.close();
      await store.close();
    },
  };
}

/** Runs `send` with IN_FLIGHT concurrent loops for `seconds`; returns records/s and CPU µs/record. */
async function drive(seconds: number, send: (i: number) => Promise<unknown>): Promise<{ rate: number; cpuMicros: number }> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let requests = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async (_, lane) => {
      for (let i = lane; performance.now() < deadline; i += IN_FLIGHT) {
        await send(i);
        requests++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const count = requests * BATCH;
  return { rate: Math.round(count / elapsed), cpuMicros: Number(((cpu.user + cpu.system) / count).toFixed(2)) };
}

function prebuilt(count: number): { engine: AppendRecord[][]; wire: Buffer[] } {
  const engine: AppendRecord[][] = [];
  const wire: Buffer[] = [];
  for (let b = 0; b < count; b++) {
    const batch = Array.from({ length: BATCH }, () => ({ partitionKey: crypto.randomUUID(), data: crypto.randomBytes(RECORD_BYTES) }));
    engine.push(batch);
    const body = { StreamName: 'bench', Records: batch.map((r) => ({ PartitionKey: r.partitionKey, Data: r.data.toString('base64') })) };
    wire.push(Buffer.from(JSON.stringify(body)));
  }
  return { engine, wire };
}

const seconds = benchSeconds(3);
const batches = prebuilt(32);
const ref = { streamName: 'bench' };

const counting = await setUp(new CountingRecordLog());
await drive(0.5, (i) => counting.records.putRecords(ref, batches.engine[i % 32]!));
const engine = await drive(seconds, (i) => counting.records.putRecords(ref, batches.engine[i % 32]!));
report({ bench: 'put-path', metric: 'engine putRecords records/s', value: engine.rate, unit: 'records/s', notes: `${engine.cpuMicros} µs CPU/record, counting log` });
const operation = await drive(seconds, (i) => counting.invoke(batches.wire[i % 32]));
report({ bench: 'put-path', metric: 'decoded+validated PutRecords records/s', value: operation.rate, unit: 'records/s', notes: `${operation.cpuMicros} µs CPU/record, counting log` });
await counting.close();

const dir = await mkdtemp(path.join(os.tmpdir(), 'tributary-put-path-'));
try {
  const segment = await setUp(new SegmentRecordLog({ dir }));
  const durable = await drive(seconds, (i) => segment.invoke(batches.wire[i % 32]));
  report({ bench: 'put-path', metric: 'decoded+validated PutRecords on SegmentRecordLog records/s', value: durable.rate, unit: 'records/s', notes: `${durable.cpuMicros} µs CPU/record, fsync on` });
  await segment.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
