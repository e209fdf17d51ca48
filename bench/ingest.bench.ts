// Ingest benchmark: 4 shards, random partition keys, 1 KiB random records, PutRecords of 500
// entries, 8 concurrent requests, fsync before ack. Drives Tributary and kinesalite with wrk and
// with the SDK; reports records/s, server CPU per record and peak RSS, and the ratios between them.
// Alone: node dist/bench/ingest.bench.js [--seconds 10] [--only tributary|kinesalite]
import { benchSeconds, isMain, report } from './support/bench-result.js';
import { createActiveStream, startTarget, type TargetName } from './support/bench-target.js';
import { buildBatches, type PutRecordsBatch } from './support/put-records-batches.js';
import { cpuSeconds, peakRssBytes } from './support/process-stats.js';
import { runSdkLoad } from './support/sdk-load.js';
import { runWrk } from './support/wrk-runner.js';

const STREAM = 'ingest';
const SHARDS = 4;
const ENTRIES = 500;
const RECORD_BYTES = 1024;
const CONCURRENCY = 8;

type ClientName = 'wrk' | 'sdk-http1' | 'sdk-h2';

interface Measurement {
  readonly target: TargetName;
  readonly client: ClientName;
  readonly recordsPerSecond: number;
  readonly cpuSecondsPerRecord: number;
  readonly peakRssBytes: number;
}

async function measure(target: TargetName, client: ClientName, batches: readonly PutRecordsBatch[], seconds: number): Promise<Measurement> {
  const server = await startTarget(target);
  try {
    await createActiveStream(server.url, STREAM, SHARDS);
    const cpuBefore = cpuSeconds(server.pid);
    let records: number;
    let elapsed: number;
    let notes: string;
    if (client === 'wrk') {
      const out = await runWrk({ url: server.url, bodies: batches.map((b) => b.json), seconds, connections: CONCURRENCY, threads: 1 });
      records = out.ok * ENTRIES;
      elapsed = out.seconds;
      notes = `${out.bad} bad responses; ${out.command}`;
    } else {
      const out = await runSdkLoad({ url: server.url, handler: client === 'sdk-h2' ? 'default-h2' : 'http1', streamName: STREAM, batches, concurrency: CONCURRENCY, seconds });
      records = out.records;
      elapsed = out.seconds;
      notes = `${out.failedRecords} failed records, ${out.failedRequests} failed requests, wire ${out.protocols.join('/')}`;
    }
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    const m: Measurement = {
      target,
      client,
      recordsPerSecond: records / elapsed,
      cpuSecondsPerRecord: records === 0 ? Number.NaN : cpu / records,
      peakRssBytes: peakRssBytes(server.pid),
    };
    report({ bench: 'ingest', metric: `${target} ${client} records/s`, value: Math.round(m.recordsPerSecond), unit: 'records/s', notes });
    report({ bench: 'ingest', metric: `${target} ${client} server CPU per record`, value: round(m.cpuSecondsPerRecord * 1e6, 2), unit: 'µs/record', notes: `${round(cpu, 2)} CPU-s for ${records} records` });
    report({ bench: 'ingest', metric: `${target} ${client} server peak RSS`, value: Math.round(m.peakRssBytes / 1048576), unit: 'MiB' });
    return m;
  } finally {
    await server.stop();
  }
}

function round(n: number, digits: number): number {
  return Math.round(n * 10 ** digits) / 10 ** digits;
}

export async function runIngest(seconds: number, only?: TargetName): Promise<void> {
  const batches = buildBatches({ streamName: STREAM, batches: 16, entriesPerBatch: ENTRIES, recordBytes: RECORD_BYTES });
  const plan: [TargetName, ClientName][] = [
    ['tributary', 'wrk'],
    ['kinesalite', 'wrk'],
    ['tributary', 'sdk-http1'],
    ['kinesalite', 'sdk-http1'],
    ['tributary', 'sdk-h2'],
  ];
  const results: Measurement[] = [];
  for (const [target, client] of plan) {
    if (only !== undefined && target !== only) continue;
    results.push(await measure(target, client, batches, seconds));
  }
  for (const client of ['wrk', 'sdk-http1'] as const) {
    const t = results.find((r) => r.target === 'tributary' && r.client === client);
    const k = results.find((r) => r.target === 'kinesalite' && r.client === client);
    if (t === undefined || k === undefined) continue;
    report({ bench: 'ingest', metric: `${client} records/s ratio tributary/kinesalite`, value: round(t.recordsPerSecond / k.recordsPerSecond, 1), unit: '×' });
    report({ bench: 'ingest', metric: `${client} CPU per record ratio kinesalite/tributary`, value: round(k.cpuSecondsPerRecord / t.cpuSecondsPerRecord, 1), unit: '×' });
  }
}

if (isMain(import.meta.url)) {
  const i = process.argv.indexOf('--only');
  const only = i >= 0 ? (process.argv[i + 1] as TargetName) : undefined;
  await runIngest(benchSeconds(10), only);
}
