// Read-back benchmark: fill 4 shards with 1 KiB records (fsync on), then read everything back with
// GetRecords (Limit 10000, all shards in parallel, JSON over HTTP/1.1) and verify count and bytes.
// Alone: node dist/bench/read-back.bench.js [--records 400000]
import { randomBytes } from 'node:crypto';
import { isMain, report } from './support/bench-result.js';
import { createActiveStream, startTarget } from './support/bench-target.js';
import { cpuSeconds } from './support/process-stats.js';
import { RawKinesisClient } from '../test/integration/support/raw-kinesis-client.js';

const STREAM = 'read-back';
const SHARDS = 4;
const RECORD_BYTES = 1024;
const ENTRIES = 500;
const CONCURRENCY = 8;

/** Record i: its index as 8 bytes, then 1016 bytes of a shared random pool at an index-derived offset. */
class RecordSource {
  private readonly pool = randomBytes(1 << 20);

  data(i: number): Buffer {
    const out = Buffer.allocUnsafe(RECORD_BYTES);
    out.writeBigUInt64BE(BigInt(i), 0);
    const offset = (i * 7919) % (this.pool.length - RECORD_BYTES);
    this.pool.copy(out, 8, offset, offset + RECORD_BYTES - 8);
    return out;
  }
}

interface ReadRecord {
  readonly Data: string;
}

async function fill(client: RawKinesisClient, source: RecordSource, total: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < total) {
      const first = next;
      const count = Math.min(ENTRIES, total - first);
      next += count;
      const records = Array.from({ length: count }, (_, k) => ({ Data: source.data(first + k).toString('base64'), PartitionKey: randomBytes(8).toString('hex') }));
      const out = await client.call<{ FailedRecordCount: number }>('PutRecords', { StreamName: STREAM, Records: records });
      if (out.FailedRecordCount !== 0) throw new Error(`fill: ${out.FailedRecordCount} records failed`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (performance.now() - started) / 1000;
}

async function readShard(client: RawKinesisClient, shardId: string, into: ReadRecord[][]): Promise<void> {
  const it = await client.call<{ ShardIterator: string }>('GetShardIterator', { StreamName: STREAM, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' });
  let iterator: string | undefined = it.ShardIterator;
  for (let page = 0; page < 100_000 && iterator !== undefined; page++) {
    const out: { Records: ReadRecord[]; NextShardIterator?: string; MillisBehindLatest: number } = await client.call('GetRecords', { ShardIterator: iterator, Limit: 10_000 });
    if (out.Records.length > 0) into.push(out.Records);
    iterator = out.NextShardIterator;
    if (out.Records.length === 0 && out.MillisBehindLatest === 0) break;
  }
}

function verify(source: RecordSource, total: number, pages: readonly ReadRecord[][]): void {
  const seen = new Uint8Array(total);
  let count = 0;
  for (const page of pages) {
    for (const r of page) {
      const data = Buffer.from(r.Data, 'base64');
      const i = Number(data.readBigUInt64BE(0));
      if (i >= total || seen[i] === 1) throw new Error(`record index ${i} unexpected or duplicated`);
      if (!data.equals(source.data(i))) throw new Error(`record ${i} has different bytes`);
      seen[i] = 1;
      count++;
    }
  }
  if (count !== total) throw new Error(`read ${count} records, wrote ${total}`);
}

export async function runReadBack(total: number): Promise<void> {
  const server = await startTarget('tributary');
  try {
    await createActiveStream(server.url, STREAM, SHARDS);
    const source = new RecordSource();
    const writer = new RawKinesisClient(server.url, CONCURRENCY);
    const fillSeconds = await fill(writer, source, total);
    writer.close();
    report({ bench: 'read-back', metric: 'fill (raw JSON client, fsync on)', value: Math.round(total / fillSeconds), unit: 'records/s', notes: `${total} records` });

    const reader = new RawKinesisClient(server.url, SHARDS);
    const pages: ReadRecord[][] = [];
    const cpuBefore = cpuSeconds(server.pid);
    const started = performance.now();
    await Promise.all(Array.from({ length: SHARDS }, (_, s) => readShard(reader, `shardId-${String(s).padStart(12, '0')}`, pages)));
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    reader.close();
    verify(source, total, pages);
    report({ bench: 'read-back', metric: 'GetRecords read-back', value: Math.round(total / seconds), unit: 'records/s', notes: `${total} records verified (count and bytes), ${pages.length} GetRecords pages, ${seconds.toFixed(2)} s` });
    report({ bench: 'read-back', metric: 'server CPU per record read', value: Math.round((cpu / total) * 1e8) / 100, unit: 'µs/record' });
  } finally {
    await server.stop();
  }
}

if (isMain(import.meta.url)) {
  const i = process.argv.indexOf('--records');
  await runReadBack(i >= 0 ? Number(process.argv[i + 1]) : 400_000);
}
