// Restart benchmark: retain ~1 GiB of records in 4 shards, stop cleanly, then time spawn → ready
// line (and one successful read). The fill runs with fsync off to save time (it does not change
// what a restart has to read); the restarts use the default configuration otherwise. Also times
// the restart that follows a kill -9 in the middle of a write load (recovery of the active segments).
// Alone: node dist/bench/restart.bench.js [--gib 1] [--segment-mib 64,256]
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isMain, report } from './support/bench-result.js';
import { createActiveStream } from './support/bench-target.js';
import { buildBatches } from './support/put-records-batches.js';
import { startTributary } from '../test/integration/support/tributary-process.js';
import { RawKinesisClient } from '../test/integration/support/raw-kinesis-client.js';

const STREAM = 'restart';
const SHARDS = 4;
const ENTRIES = 500;
const RECORD_BYTES = 1024;
const CONCURRENCY = 8;
const RESTARTS = 3;
const FILL_DEADLINE_MS = 180_000;

async function fill(url: string, bytes: number): Promise<number> {
  const batches = buildBatches({ streamName: STREAM, batches: 8, entriesPerBatch: ENTRIES, recordBytes: RECORD_BYTES });
  const requests = Math.ceil(bytes / (ENTRIES * RECORD_BYTES));
  const client = new RawKinesisClient(url, CONCURRENCY);
  const started = Date.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < requests && Date.now() - started < FILL_DEADLINE_MS) {
      const body = batches[next++ % batches.length]!.json;
      const res = await client.send({ operation: 'PutRecords', body });
      if (res.status !== 200 || !res.body.toString().includes('"FailedRecordCount":0')) throw new Error(`fill failed: ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  client.close();
  return next * ENTRIES;
}

/** Starts on `dataDir`, checks a read works, stops; returns ms from spawn to the ready line. */
async function timeRestart(dataDir: string, env: Record<string, string>, verifyRead = true): Promise<number> {
  const server = await startTributary({ dataDir, env, readyTimeoutMs: 60_000 });
  const client = new RawKinesisClient(server.url, 1);
  try {
    if (!verifyRead) return server.startupMs;
    const it = await client.call<{ ShardIterator: string }>('GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' });
    const out = await client.call<{ Records: unknown[] }>('GetRecords', { ShardIterator: it.ShardIterator, Limit: 1 });
    if (out.Records.length !== 1) throw new Error('no record readable after restart');
  } finally {
    client.close();
    await server.stop();
  }
  return server.startupMs;
}

export async function runRestart(gib: number, segmentMibs: readonly number[]): Promise<void> {
  for (const segmentMib of segmentMibs) {
    const dataDir = await mkdtemp(join(tmpdir(), 'bench-restart-'));
    const env = { TRIBUTARY_LOG_LEVEL: 'warn', TRIBUTARY_STORAGE_SEGMENT_BYTES: String(segmentMib * 1048576) };
    try {
      const empty = await timeRestart(dataDir, env, false);
      const server = await startTributary({ dataDir, env: { ...env, TRIBUTARY_STORAGE_FSYNC: 'false' } });
      await createActiveStream(server.url, STREAM, SHARDS);
      const started = performance.now();
      const records = await fill(server.url, gib * 1024 ** 3);
      const fillSeconds = (performance.now() - started) / 1000;
      await server.stop();
      const du = execFileSync('du', ['-sb', dataDir], { encoding: 'utf8' }).split('\t')[0];
      const times: number[] = [];
      for (let i = 0; i < RESTARTS; i++) times.push(await timeRestart(dataDir, env));
      times.sort((a, b) => a - b);
      const crashed = await startTributary({ dataDir, env: { ...env, TRIBUTARY_STORAGE_FSYNC: 'false' } });
      const load = fill(crashed.url, 256 * 1024 ** 2).catch(() => 0);
      await sleep(1000);
      await crashed.kill9();
      await load;
      const afterCrash = await timeRestart(dataDir, env);
      const notes = `${records} records, ${(Number(du) / 1024 ** 3).toFixed(2)} GiB on disk, segment ${segmentMib} MiB, fill ${fillSeconds.toFixed(1)} s (fsync off); runs ${times.map((t) => t.toFixed(0)).join('/')} ms; empty data dir ${empty.toFixed(0)} ms`;
      report({ bench: 'restart', metric: `spawn → ready with ${gib} GiB retained (segment ${segmentMib} MiB), median`, value: Math.round(times[Math.floor(times.length / 2)]!), unit: 'ms', notes });
      report({ bench: 'restart', metric: `spawn → ready with ${gib} GiB retained (segment ${segmentMib} MiB), max`, value: Math.round(times[times.length - 1]!), unit: 'ms' });
      report({ bench: 'restart', metric: `spawn → ready after kill -9 under load, ${gib} GiB retained (segment ${segmentMib} MiB)`, value: Math.round(afterCrash), unit: 'ms' });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}

if (isMain(import.meta.url)) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  await runRestart(Number(arg('--gib') ?? 1), (arg('--segment-mib') ?? '64,256').split(',').map(Number));
}
