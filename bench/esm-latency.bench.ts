// Put → handler start latency on an idle stream: one PutRecord at a time (each record names its
// id), a pause after each acknowledgement so the mapping's poller is idle again, and a handler that
// logs when it started. Latency = handler start − just before the PutRecord was sent (both epoch ms
// from performance.timeOrigin). Targets (issue #3): p50 < 5 ms, p99 < 20 ms.
// Alone: node dist/bench/esm-latency.bench.js [--seconds 10]
import { setTimeout as sleep } from 'node:timers/promises';
import { benchSeconds, isMain, report } from './support/bench-result.js';
import { epochNow, percentile, round2, startEsmStage } from './support/esm-stage.js';
import { RawKinesisClient } from '../test/integration/support/raw-kinesis-client.js';
import { readJsonLines } from '../test/integration/support/jsonl-file.js';

const STREAM = 'esm-latency';
const GAP_MS = 25;
const WARMUP = 20;

const HANDLER = `import { appendFileSync } from 'node:fs';
export const handler = async (event) => {
  const startedAt = performance.timeOrigin + performance.now();
  appendFileSync(process.env.OUT_FILE, JSON.stringify({
    startedAt,
    ids: event.Records.map((r) => Buffer.from(r.kinesis.data, 'base64').toString('utf8')),
  }) + '\\n');
};
`;

interface Line {
  readonly startedAt: number;
  readonly ids: readonly string[];
}

export async function runEsmLatency(seconds: number): Promise<void> {
  const stage = await startEsmStage(STREAM, 1);
  const producer = new RawKinesisClient(stage.server.url, 1);
  try {
    await stage.deploy('latency-fn', HANDLER);
    await stage.map('latency-fn', { StartingPosition: 'TRIM_HORIZON', BatchSize: 100 });
    const sentAt = new Map<string, number>();
    const ackedAt = new Map<string, number>();
    const acks: number[] = [];
    const deadline = Date.now() + seconds * 1000;
    for (let i = 0; i < WARMUP || Date.now() < deadline; i++) {
      const id = String(i);
      const at = epochNow();
      sentAt.set(id, at);
      await producer.call('PutRecord', { StreamName: STREAM, PartitionKey: `pk-${i}`, Data: Buffer.from(id).toString('base64') });
      ackedAt.set(id, epochNow());
      if (i >= WARMUP) acks.push(ackedAt.get(id)! - at);
      await sleep(GAP_MS);
    }
    let lines: Line[] = [];
    for (let waited = 0; waited < 200; waited++) {
      lines = await readJsonLines<Line>(stage.outFile);
      if (lines.reduce((n, l) => n + l.ids.length, 0) >= sentAt.size) break;
      await sleep(25);
    }
    const latencies: number[] = [];
    const afterAck: number[] = [];
    let delivered = 0;
    let batched = 0;
    for (const line of lines) {
      delivered += line.ids.length;
      if (line.ids.length > 1) batched++;
      for (const id of line.ids) {
        if (Number(id) < WARMUP) continue;
        latencies.push(line.startedAt - sentAt.get(id)!);
        afterAck.push(line.startedAt - ackedAt.get(id)!);
      }
    }
    if (delivered !== sentAt.size) throw new Error(`handler saw ${delivered} records of ${sentAt.size}`);
    const sorted = latencies.sort((a, b) => a - b);
    const notes = `${sorted.length} records, one PutRecord then ${GAP_MS} ms idle, 1 shard, first ${WARMUP} excluded; ${batched} invocations held >1 record`;
    for (const p of [50, 90, 99]) report({ bench: 'esm-latency', metric: `put → handler start p${p}`, value: round2(percentile(sorted, p)), unit: 'ms', notes });
    report({ bench: 'esm-latency', metric: 'put → handler start max', value: round2(sorted[sorted.length - 1]!), unit: 'ms', notes });
    const ackSorted = acks.sort((a, b) => a - b);
    report({ bench: 'esm-latency', metric: 'PutRecord acknowledgement p50', value: round2(percentile(ackSorted, 50)), unit: 'ms', notes });
    // Negative when the handler started before the client had read the PutRecord response.
    const afterAckSorted = afterAck.sort((a, b) => a - b);
    report({ bench: 'esm-latency', metric: 'acknowledgement → handler start p50', value: round2(percentile(afterAckSorted, 50)), unit: 'ms', notes });
    report({ bench: 'esm-latency', metric: 'acknowledgement → handler start p99', value: round2(percentile(afterAckSorted, 99)), unit: 'ms', notes });
  } finally {
    producer.close();
    await stage.stop();
  }
}

if (isMain(import.meta.url)) {
  await runEsmLatency(benchSeconds(10));
}
