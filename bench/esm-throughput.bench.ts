// Mapping throughput through a no-op handler: 4 shards are filled with a backlog first (100-byte
// records, random partition keys), then a mapping with BatchSize 500 from TRIM_HORIZON drains it.
// Throughput = records / (mapping created → start of the last invocation); also from the first
// invocation, and server CPU per record. Target (issue #3): ≥ 50,000 records/s.
// Alone: node dist/bench/esm-throughput.bench.js [--records 300000]
import { setTimeout as sleep } from 'node:timers/promises';
import { isMain, report } from './support/bench-result.js';
import { epochNow, round2, startEsmStage } from './support/esm-stage.js';
import { buildBatches } from './support/put-records-batches.js';
import { cpuSeconds } from './support/process-stats.js';
import { RawKinesisClient } from '../test/integration/support/raw-kinesis-client.js';
import { readJsonLines } from '../test/integration/support/jsonl-file.js';

const STREAM = 'esm-throughput';
const SHARDS = 4;
const ENTRIES = 500;
const RECORD_BYTES = 100;
const DRAIN_DEADLINE_MS = 180_000;

const HANDLER = `import { appendFileSync } from 'node:fs';
export const handler = async (event) => {
  appendFileSync(process.env.OUT_FILE, '{"t":' + (performance.timeOrigin + performance.now()) + ',"n":' + event.Records.length + '}\\n');
};
`;

function recordsArg(fallback: number): number {
  const i = process.argv.indexOf('--records');
  const n = Number(i >= 0 ? process.argv[i + 1] : process.env['BENCH_ESM_RECORDS']);
  return Number.isInteger(n) && n > 0 ? Math.ceil(n / ENTRIES) * ENTRIES : fallback;
}

async function fill(url: string, records: number): Promise<number> {
  const batches = buildBatches({ streamName: STREAM, batches: 16, entriesPerBatch: ENTRIES, recordBytes: RECORD_BYTES });
  const client = new RawKinesisClient(url, 4);
  const started = epochNow();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next * ENTRIES < records) {
      const body = batches[next++ % batches.length]!.json;
      const res = await client.send({ operation: 'PutRecords', body });
      if (res.status !== 200 || !res.body.toString().includes('"FailedRecordCount":0')) throw new Error(`fill failed: ${res.status} ${res.body}`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  client.close();
  return epochNow() - started;
}

export async function runEsmThroughput(records: number): Promise<void> {
  const stage = await startEsmStage(STREAM, SHARDS);
  try {
    await stage.deploy('noop-fn', HANDLER);
    const fillMs = await fill(stage.server.url, records);
    const cpuBefore = cpuSeconds(stage.server.pid);
    const created = epochNow();
    await stage.map('noop-fn', { StartingPosition: 'TRIM_HORIZON', BatchSize: 500 });
    let lines: { t: number; n: number }[] = [];
    let seen = 0;
    while (seen < records && epochNow() - created < DRAIN_DEADLINE_MS) {
      await sleep(50);
      lines = await readJsonLines(stage.outFile);
      seen = lines.reduce((sum, l) => sum + l.n, 0);
    }
    const cpu = cpuSeconds(stage.server.pid) - cpuBefore;
    if (seen < records) throw new Error(`only ${seen} of ${records} records delivered within ${DRAIN_DEADLINE_MS} ms`);
    const first = Math.min(...lines.map((l) => l.t));
    const last = Math.max(...lines.map((l) => l.t));
    const notes = `${records} records of ${RECORD_BYTES} B in ${SHARDS} shards (filled in ${Math.round(fillMs)} ms), BatchSize 500, ${lines.length} invocations, ${seen - records} delivered twice`;
    report({ bench: 'esm-throughput', metric: 'records/s (mapping created → last invocation)', value: Math.round(records / ((last - created) / 1000)), unit: 'records/s', notes });
    report({ bench: 'esm-throughput', metric: 'records/s (first → last invocation)', value: Math.round(records / ((last - first) / 1000)), unit: 'records/s', notes });
    report({ bench: 'esm-throughput', metric: 'mean records per invocation', value: round2(seen / lines.length), unit: 'records', notes });
    report({ bench: 'esm-throughput', metric: 'server CPU per record', value: round2((cpu / records) * 1e6), unit: 'µs', notes });
  } finally {
    await stage.stop();
  }
}

if (isMain(import.meta.url)) {
  await runEsmThroughput(recordsArg(300_000));
}
