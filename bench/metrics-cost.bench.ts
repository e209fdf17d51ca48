// Metrics cost: the ingest workload (4 shards, PutRecords of 500 × 1 KiB, 8 connections, fsync,
// wrk) against Tributary with metrics on and off, alternating runs so drift hits both sides;
// reports records/s and server CPU per record for each, and the throughput cost of metrics in %.
// Alone: node dist/bench/metrics-cost.bench.js [--seconds 10] [--rounds 2]
import { benchSeconds, isMain, report } from './support/bench-result.js';
import { createActiveStream, startTarget } from './support/bench-target.js';
import { buildBatches, type PutRecordsBatch } from './support/put-records-batches.js';
import { cpuSeconds } from './support/process-stats.js';
import { runWrk } from './support/wrk-runner.js';

const STREAM = 'ingest';
const SHARDS = 4;
const ENTRIES = 500;

interface Run {
  readonly recordsPerSecond: number;
  readonly cpuPerRecord: number;
}

async function once(metrics: boolean, batches: readonly PutRecordsBatch[], seconds: number): Promise<Run> {
  const server = await startTarget('tributary', { TRIBUTARY_METRICS_ENABLED: String(metrics) });
  try {
    await createActiveStream(server.url, STREAM, SHARDS);
    const before = cpuSeconds(server.pid);
    const out = await runWrk({ url: server.url, bodies: batches.map((b) => b.json), seconds, connections: 8, threads: 1 });
    const records = out.ok * ENTRIES;
    return { recordsPerSecond: records / out.seconds, cpuPerRecord: (cpuSeconds(server.pid) - before) / records };
  } finally {
    await server.stop();
  }
}

export async function runMetricsCost(seconds: number, rounds: number): Promise<void> {
  const batches = buildBatches({ streamName: STREAM, batches: 16, entriesPerBatch: ENTRIES, recordBytes: 1024 });
  const on: Run[] = [];
  const off: Run[] = [];
  for (let i = 0; i < rounds; i++) {
    // Alternate which side goes first.
    if (i % 2 === 0) {
      off.push(await once(false, batches, seconds));
      on.push(await once(true, batches, seconds));
    } else {
      on.push(await once(true, batches, seconds));
      off.push(await once(false, batches, seconds));
    }
  }
  const mean = (runs: Run[], key: keyof Run): number => runs.reduce((s, r) => s + r[key], 0) / runs.length;
  const onRps = mean(on, 'recordsPerSecond');
  const offRps = mean(off, 'recordsPerSecond');
  const notes = `${rounds} alternating round(s) of ${seconds} s each`;
  report({ bench: 'metrics-cost', metric: 'metrics off records/s', value: Math.round(offRps), unit: 'records/s', notes });
  report({ bench: 'metrics-cost', metric: 'metrics on records/s', value: Math.round(onRps), unit: 'records/s', notes });
  report({ bench: 'metrics-cost', metric: 'metrics off server CPU per record', value: round(mean(off, 'cpuPerRecord') * 1e6, 2), unit: 'µs/record' });
  report({ bench: 'metrics-cost', metric: 'metrics on server CPU per record', value: round(mean(on, 'cpuPerRecord') * 1e6, 2), unit: 'µs/record' });
  report({ bench: 'metrics-cost', metric: 'throughput cost of metrics', value: round((1 - onRps / offRps) * 100, 1), unit: '%', notes: 'negative: within noise' });
}

function round(n: number, digits: number): number {
  return Math.round(n * 10 ** digits) / 10 ** digits;
}

if (isMain(import.meta.url)) {
  const i = process.argv.indexOf('--rounds');
  await runMetricsCost(benchSeconds(10), i >= 0 ? Number(process.argv[i + 1]) : 2);
}
