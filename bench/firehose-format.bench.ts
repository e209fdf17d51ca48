// Delivery formatting throughput (plain script, not a test): JSON-lines records (≈ 300 B, realistic
// mixed fields) encoded by createFormatter and written to files (write then rename, like FileSink),
// for GZIP (5 MiB buffers, the default hint) and Parquet (64 MiB buffers, the minimum with conversion).
// Parquet runs both ways: `encode` on the calling thread and `encodeAsync` in the conversion worker
// thread (the pipeline's path); for each, the longest event-loop stall seen while it ran.
// Figures are MB/s of uncompressed input. Run: npx tsc -p tsconfig.json && node dist/bench/firehose-format.bench.js [--mib 256]
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createFormatter } from '../src/delivery/format/formatter.js';
import type { FormatSettings } from '../src/delivery/delivery-stream-definition.js';
import { report } from './support/bench-result.js';

const mibArg = process.argv.indexOf('--mib');
const TOTAL_MIB = mibArg >= 0 ? Number(process.argv[mibArg + 1]) : 256;

interface BenchRecord {
  readonly recordId: string;
  readonly data: Buffer;
  readonly approximateArrivalTimestamp: number;
}

function makeRecords(bytes: number): BenchRecord[] {
  const records: BenchRecord[] = [];
  const tenants = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark'];
  const paths = ['/api/orders', '/api/users/42', '/health', '/api/cart?items=3', '/static/app.js'];
  let size = 0;
  const t0 = Date.UTC(2026, 10, 23, 10, 0, 0);
  for (let i = 0; size < bytes; i += 1) {
    const doc = {
      id: i,
      tenant: tenants[i % tenants.length],
      ts: new Date(t0 + i * 7).toISOString(),
      method: i % 5 === 0 ? 'POST' : 'GET',
      path: paths[(i * 7) % paths.length],
      status: i % 97 === 0 ? 500 : 200,
      latencyMs: Math.round(((i * 7919) % 10000) / 7) / 10,
      bytes: (i * 104729) % 65536,
      userAgent: `Mozilla/5.0 (X11; Linux x86_64) bench/${i % 13}`,
      sessionId: ((i * 2654435761) >>> 0).toString(16).padStart(8, '0') + (i % 1000).toString(36),
      ok: i % 97 !== 0,
    };
    const data = Buffer.from(JSON.stringify(doc));
    size += data.length;
    records.push({ recordId: `bench/${i}`, data, approximateArrivalTimestamp: t0 + i });
  }
  return records;
}

function buffers(records: readonly BenchRecord[], bufferBytes: number): BenchRecord[][] {
  const out: BenchRecord[][] = [];
  let current: BenchRecord[] = [];
  let size = 0;
  for (const record of records) {
    current.push(record);
    size += record.data.length;
    if (size >= bufferBytes) {
      out.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

async function run(name: string, settings: FormatSettings, bufferMiB: number, records: readonly BenchRecord[], useAsync: boolean): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'firehose-format-bench-'));
  const formatter = createFormatter(settings);
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  try {
    const batches = buffers(records, bufferMiB * 1024 * 1024);
    let inputBytes = 0;
    let outputBytes = 0;
    stalls.enable();
    const start = process.hrtime.bigint();
    for (const [i, batch] of batches.entries()) {
      const encoded = useAsync ? await formatter.encodeAsync(batch) : formatter.encode(batch);
      const path = join(dir, `object-${i}${encoded.extension}`);
      await writeFile(`${path}.tmp`, encoded.body);
      await rename(`${path}.tmp`, path);
      for (const record of batch) inputBytes += record.data.length + (settings.appendNewline ? 1 : 0);
      outputBytes += encoded.body.length;
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    stalls.disable();
    const mbps = Math.round((inputBytes / 1e6 / seconds) * 10) / 10;
    const ratio = Math.round((outputBytes / inputBytes) * 1000) / 1000;
    report({ bench: 'firehose-format', metric: `${name} input MB/s`, value: mbps, unit: 'MB/s', notes: `${(inputBytes / 1e6).toFixed(0)} MB in ${batches.length} × ${bufferMiB} MiB buffers, output/input ${ratio}` });
    report({ bench: 'firehose-format', metric: `${name} longest event-loop stall`, value: Math.round(stalls.max / 1e6), unit: 'ms' });
  } finally {
    await formatter.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const records = makeRecords(TOTAL_MIB * 1024 * 1024);
const jsonLines = (compression: FormatSettings['compression']): FormatSettings => ({ appendNewline: true, compression });
await run('GZIP JSON lines (encodeAsync)', jsonLines('GZIP'), 5, records, true);
await run('GZIP JSON lines (encode)', jsonLines('GZIP'), 5, records, false);
await run('Snappy JSON lines', jsonLines('Snappy'), 5, records, false);
const inferred: FormatSettings = { appendNewline: true, compression: 'UNCOMPRESSED', formatConversion: { outputFormat: 'PARQUET', parquetCompression: 'SNAPPY' } };
const declared: FormatSettings = {
  appendNewline: true,
  compression: 'UNCOMPRESSED',
  formatConversion: {
    outputFormat: 'PARQUET',
    parquetCompression: 'SNAPPY',
    schema: [
      { name: 'id', type: 'bigint' }, { name: 'tenant', type: 'string' }, { name: 'ts', type: 'timestamp' },
      { name: 'method', type: 'string' }, { name: 'path', type: 'string' }, { name: 'status', type: 'int' },
      { name: 'latencyMs', type: 'double' }, { name: 'bytes', type: 'int' }, { name: 'userAgent', type: 'string' },
      { name: 'sessionId', type: 'string' }, { name: 'ok', type: 'boolean' },
    ],
  },
};
await run('Parquet SNAPPY, inferred schema (encode, event loop)', inferred, 64, records, false);
await run('Parquet SNAPPY, inferred schema (encodeAsync, worker)', inferred, 64, records, true);
await run('Parquet SNAPPY, declared schema (encode, event loop)', declared, 64, records, false);
await run('Parquet SNAPPY, declared schema (encodeAsync, worker)', declared, 64, records, true);
