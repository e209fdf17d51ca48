// Micro-benchmark of SegmentRecordLog (plain script, not a test): 200k random 1 KiB records over
// 4 shards from 8 concurrent appenders of 500-record batches with fsync on, then a full read-back.
// Run: npx tsc -p tsconfig.json && node dist/bench/record-log.bench.js [--no-fsync]
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SegmentRecordLog } from '../src/storage/segment/segment-record-log.js';
import type { AppendRecord } from '../src/storage/record-log.js';

const TOTAL = 200_000;
const RECORD_BYTES = 1024;
const SHARDS = 4;
const APPENDERS = 8;
const BATCH = 500;
const fsync = !process.argv.includes('--no-fsync');

const dir = await mkdtemp(join(tmpdir(), 'record-log-bench-'));
const log = new SegmentRecordLog({ dir, fsync });
await log.open();
const shards = Array.from({ length: SHARDS }, (_, i) => `bench/shardId-${String(i).padStart(12, '0')}`);
for (const s of shards) await log.createShard(s);

const pool = randomBytes(RECORD_BYTES * 1024);
function batch(seed: number): AppendRecord[] {
  return Array.from({ length: BATCH }, (_, i) => {
    const at = ((seed * BATCH + i) * 7919) % 1023;
    return { partitionKey: `pk-${seed}-${i}`, data: pool.subarray(at * RECORD_BYTES, (at + 1) * RECORD_BYTES) };
  });
}
const batches = Array.from({ length: 16 }, (_, i) => batch(i));

let next = 0;
const batchesTotal = TOTAL / BATCH;
const appendStart = process.hrtime.bigint();
await Promise.all(
  Array.from({ length: APPENDERS }, async (_, a) => {
    while (next < batchesTotal) {
      const n = next++;
      await log.append(shards[a % SHARDS]!, batches[n % batches.length]!, Date.now());
    }
  }),
);
const appendSeconds = Number(process.hrtime.bigint() - appendStart) / 1e9;

const readStart = process.hrtime.bigint();
let readCount = 0;
let readBytes = 0;
for (const s of shards) {
  let from = 0;
  for (;;) {
    const { records, nextOffset } = await log.read(s, from, { maxRecords: 10_000, maxBytes: 10 * 1024 * 1024 });
    if (records.length === 0) break;
    for (const r of records) readBytes += r.data.length;
    readCount += records.length;
    from = nextOffset;
  }
}
const readSeconds = Number(process.hrtime.bigint() - readStart) / 1e9;
await log.close();

const reopenStart = process.hrtime.bigint();
const reopened = new SegmentRecordLog({ dir, fsync });
await reopened.open();
const reopenMs = Number(process.hrtime.bigint() - reopenStart) / 1e6;
await reopened.close();

// A restart after a crash finds no saved index for the active segments and scans them.
for (const s of shards) {
  const files = (await readdir(join(dir, s))).filter((n) => n.endsWith('.log')).sort();
  await rm(join(dir, s, files.at(-1)!.replace(/\.log$/, '.index')), { force: true });
}
const crashStart = process.hrtime.bigint();
const recovered = new SegmentRecordLog({ dir, fsync });
await recovered.open();
const crashReopenMs = Number(process.hrtime.bigint() - crashStart) / 1e6;
await recovered.close();
await rm(dir, { recursive: true, force: true });

if (readCount !== TOTAL || readBytes !== TOTAL * RECORD_BYTES) throw new Error(`read back ${readCount} records / ${readBytes} bytes`);
const mb = (TOTAL * RECORD_BYTES) / (1024 * 1024);
console.log(`append (fsync ${fsync ? 'on' : 'off'}): ${Math.round(TOTAL / appendSeconds)} records/s, ${(mb / appendSeconds).toFixed(1)} MiB/s (${appendSeconds.toFixed(2)} s)`);
console.log(`read:   ${Math.round(TOTAL / readSeconds)} records/s, ${(mb / readSeconds).toFixed(1)} MiB/s (${readSeconds.toFixed(2)} s)`);
console.log(`reopen: ${reopenMs.toFixed(1)} ms after a clean close, ${crashReopenMs.toFixed(1)} ms after a crash (active segments scanned; ${mb.toFixed(0)} MiB retained)`);
