// End-to-end latency benchmark: a producer sends PutRecord at 1,000 records/s (fsync on) while one
// consumer per shard polls GetRecords every 10 ms; latency is send → receipt by the consumer.
// Alone: node dist/bench/latency.bench.js [--seconds 10]
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchSeconds, isMain, report } from './support/bench-result.js';
import { createActiveStream, startTarget } from './support/bench-target.js';
import { RawKinesisClient } from '../test/integration/support/raw-kinesis-client.js';

const STREAM = 'latency';
const SHARDS = 4;
const RATE = 1000;
const POLL_MS = 10;
const WARMUP_MS = 1000;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summarize(metric: string, samples: number[], notes: string): void {
  const sorted = [...samples].sort((a, b) => a - b);
  for (const p of [50, 90, 99]) {
    report({ bench: 'latency', metric: `${metric} p${p}`, value: Math.round(percentile(sorted, p) * 100) / 100, unit: 'ms', notes });
  }
  report({ bench: 'latency', metric: `${metric} max`, value: Math.round(sorted[sorted.length - 1]! * 100) / 100, unit: 'ms', notes });
}

export async function runLatency(seconds: number): Promise<void> {
  const server = await startTarget('tributary');
  const producer = new RawKinesisClient(server.url, 64);
  const consumer = new RawKinesisClient(server.url, SHARDS);
  try {
    await createActiveStream(server.url, STREAM, SHARDS);
    const endToEnd: number[] = [];
    const putAck: number[] = [];
    let sent = 0;
    let received = 0;
    let stopConsumers = false;

    const consume = async (shard: number): Promise<void> => {
      const it = await consumer.call<{ ShardIterator: string }>('GetShardIterator', { StreamName: STREAM, ShardId: `shardId-${String(shard).padStart(12, '0')}`, ShardIteratorType: 'LATEST' });
      let iterator: string | undefined = it.ShardIterator;
      for (let polls = 0; !stopConsumers && iterator !== undefined && polls < 1_000_000; polls++) {
        const out: { Records: { Data: string }[]; NextShardIterator?: string } = await consumer.call('GetRecords', { ShardIterator: iterator });
        const now = performance.now();
        for (const r of out.Records) {
          const data = Buffer.from(r.Data, 'base64');
          const sentAt = data.readDoubleBE(0);
          received++;
          if (data.readUInt8(8) === 1) endToEnd.push(now - sentAt);
        }
        iterator = out.NextShardIterator;
        await sleep(POLL_MS);
      }
    };
    const consumers = Array.from({ length: SHARDS }, (_, s) => consume(s));
    await sleep(100);

    const started = performance.now();
    const deadline = started + (seconds * 1000 + WARMUP_MS);
    const inFlight = new Set<Promise<void>>();
    while (performance.now() < deadline) {
      const due = Math.floor(((performance.now() - started) / 1000) * RATE);
      for (; sent < due; sent++) {
        const data = Buffer.concat([Buffer.alloc(9), randomBytes(100)]);
        const sentAt = performance.now();
        const measured = sentAt - started >= WARMUP_MS;
        data.writeDoubleBE(sentAt, 0);
        data.writeUInt8(measured ? 1 : 0, 8);
        const p = producer
          .call('PutRecord', { StreamName: STREAM, PartitionKey: randomBytes(8).toString('hex'), Data: data.toString('base64') })
          .then(() => void (measured && putAck.push(performance.now() - sentAt)));
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
      }
      await sleep(1);
    }
    await Promise.all(inFlight);
    for (let i = 0; i < 100 && received < sent; i++) await sleep(POLL_MS);
    stopConsumers = true;
    await Promise.all(consumers);
    const notes = `${sent} records at ${RATE}/s over ${seconds} s (+${WARMUP_MS} ms warm-up excluded), ${received} received, poll every ${POLL_MS} ms`;
    summarize('Put → GetRecords end-to-end', endToEnd, notes);
    summarize('PutRecord acknowledgement', putAck, notes);
    if (received !== sent) throw new Error(`received ${received} of ${sent} records`);
  } finally {
    producer.close();
    consumer.close();
    await server.stop();
  }
}

if (isMain(import.meta.url)) {
  await runLatency(benchSeconds(10));
}
