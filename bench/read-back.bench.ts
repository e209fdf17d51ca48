// Read-back benchmark: fill 4 shards with 1 KiB records (fsync on), then read everything back with
// GetRecords (Limit 10000, all shards in parallel, JSON over HTTP/1.1) and verify count and bytes.
// The timed phase keeps each response's raw body chunks and only finds the next iterator in them;
// every page is parsed and checked after the clock stops, so the figure is the server's, not the
// client's JSON.parse (client and server share the machine's two cores).
// Alone: node dist/bench/read-back.bench.js [--records 400000]
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { isMain, report } from './support/bench-result.js';
import { createActiveStream, startTarget } from './support/bench-target.js';
import { cpuSeconds, minorFaults, peakRssBytes } from './support/process-stats.js';
import { DUMMY_AUTHORIZATION, JSON_1_1, RawKinesisClient } from '../test/integration/support/raw-kinesis-client.js';

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

/**
 * The text of top-level member `name` of a JSON object body, found by searching rather than
 * parsing, so the timed phase measures the server rather than the client's JSON.parse. Sound for
 * any member order: inside a JSON string every `"` is escaped, so `"name":` can only be a key.
 * Values are strings without escapes (iterators) or numbers.
 */
function memberText(body: Buffer, name: string): string | undefined {
  const key = body.indexOf(`"${name}":`);
  if (key < 0) return undefined;
  let start = key + name.length + 3;
  const quoted = body[start] === 0x22;
  if (quoted) start++;
  let end = start;
  while (end < body.length && (quoted ? body[end] !== 0x22 : body[end] !== 0x2c && body[end] !== 0x7d)) end++;
  return body.toString('latin1', start, end);
}

/** Whether the body's Records list is empty (`"Records":[]`). */
function hasNoRecords(body: Buffer): boolean {
  const key = body.indexOf('"Records":[');
  if (key < 0) throw new Error(`GetRecords answered without Records: ${body.toString('utf8', 0, 200)}`);
  return body[key + 11] === 0x5d;
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

/** A GetRecords answer as received: its body chunks, not joined (joining costs the client a fresh 15 MB per page). */
type Page = readonly Buffer[];

/** POSTs one GetRecords over the keep-alive `agent` and resolves with the body chunks of a 200 answer. */
function getRecordsPage(agent: Agent, url: URL, iterator: string): Promise<Page> {
  const body = Buffer.from(JSON.stringify({ ShardIterator: iterator, Limit: 10_000 }));
  const headers = {
    Authorization: DUMMY_AUTHORIZATION,
    'X-Amz-Date': '20240101T000000Z',
    'X-Amz-Target': 'Kinesis_20131202.GetRecords',
    'Content-Type': JSON_1_1,
    'Content-Length': String(body.length),
  };
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: '/', method: 'POST', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        if (res.statusCode === 200) resolve(chunks);
        else reject(new Error(`GetRecords answered ${res.statusCode}: ${Buffer.concat(chunks).toString('utf8', 0, 500)}`));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** At least `min` bytes from the start (or the end) of a page, joined. */
function edge(page: Page, fromEnd: boolean, min = 4096): Buffer {
  const picked: Buffer[] = [];
  let bytes = 0;
  for (let i = 0; i < page.length && bytes < min; i++) {
    const chunk = page[fromEnd ? page.length - 1 - i : i]!;
    picked.push(chunk);
    bytes += chunk.length;
  }
  return Buffer.concat(fromEnd ? picked.reverse() : picked);
}

/** memberText on the page's tail, where the writer puts it, else on the whole body. */
function pageMember(page: Page, name: string): string | undefined {
  return memberText(edge(page, true), name) ?? memberText(Buffer.concat(page), name);
}

/** Reads a shard to its end; keeps each non-empty page for verify(). */
async function readShard(agent: Agent, url: URL, iterator: string | undefined, into: Page[]): Promise<void> {
  for (let n = 0; n < 100_000 && iterator !== undefined; n++) {
    const page = await getRecordsPage(agent, url, iterator);
    const head = edge(page, false);
    const empty = head.includes('"Records":[') ? hasNoRecords(head) : hasNoRecords(Buffer.concat(page));
    if (!empty) into.push(page);
    iterator = pageMember(page, 'NextShardIterator');
    if (empty && pageMember(page, 'MillisBehindLatest') === '0') break;
  }
}

/** Parses every page and checks that each record 0..total-1 came back exactly once with its bytes. */
function verify(source: RecordSource, total: number, pages: readonly Page[]): void {
  const seen = new Uint8Array(total);
  let count = 0;
  for (const page of pages) {
    const records = (JSON.parse(Buffer.concat(page).toString('utf8')) as { Records: ReadRecord[] }).Records;
    for (const r of records) {
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

/** TRIM_HORIZON iterators of every shard (issued before the clock starts). */
async function trimHorizonIterators(url: string): Promise<string[]> {
  const client = new RawKinesisClient(url, 1);
  try {
    const iterators: string[] = [];
    for (let s = 0; s < SHARDS; s++) {
      const shardId = `shardId-${String(s).padStart(12, '0')}`;
      const out = await client.call<{ ShardIterator: string }>('GetShardIterator', { StreamName: STREAM, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' });
      iterators.push(out.ShardIterator);
    }
    return iterators;
  } finally {
    client.close();
  }
}

export async function runReadBack(total: number): Promise<void> {
  const server = await startTarget('tributary');
  try {
    await createActiveStream(server.url, STREAM, SHARDS);
    const source = new RecordSource();
    const writer = new RawKinesisClient(server.url, CONCURRENCY);
    const fillCpuBefore = cpuSeconds(server.pid);
    const fillSeconds = await fill(writer, source, total);
    const fillCpu = cpuSeconds(server.pid) - fillCpuBefore;
    writer.close();
    report({ bench: 'read-back', metric: 'fill (raw JSON client, fsync on)', value: Math.round(total / fillSeconds), unit: 'records/s', notes: `${total} records` });
    report({ bench: 'read-back', metric: 'fill: server CPU per record written', value: Math.round((fillCpu / total) * 1e8) / 100, unit: 'µs/record' });

    const iterators = await trimHorizonIterators(server.url);
    const agent = new Agent({ keepAlive: true, maxSockets: SHARDS });
    const url = new URL(server.url);
    const pages: Page[] = [];
    const cpuBefore = cpuSeconds(server.pid);
    const faultsBefore = minorFaults(server.pid);
    const clientBefore = process.cpuUsage();
    const started = performance.now();
    await Promise.all(iterators.map((iterator) => readShard(agent, url, iterator, pages)));
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    const faults = minorFaults(server.pid) - faultsBefore;
    const client = process.cpuUsage(clientBefore);
    agent.destroy();
    verify(source, total, pages);
    report({ bench: 'read-back', metric: 'GetRecords read-back', value: Math.round(total / seconds), unit: 'records/s', notes: `${total} records verified (count and bytes), ${pages.length} GetRecords pages, ${seconds.toFixed(2)} s` });
    report({ bench: 'read-back', metric: 'server CPU per record read', value: Math.round((cpu / total) * 1e8) / 100, unit: 'µs/record' });
    report({ bench: 'read-back', metric: 'server page faults per record read', value: Math.round((faults / total) * 1000) / 1000, unit: 'faults/record' });
    report({ bench: 'read-back', metric: 'server peak RSS', value: Math.round(peakRssBytes(server.pid) / 1048576), unit: 'MiB' });
    const clientMicros = client.user + client.system;
    report({ bench: 'read-back', metric: 'client CPU per record read', value: Math.round((clientMicros / total) * 100) / 100, unit: 'µs/record' });
  } finally {
    await server.stop();
  }
}

if (isMain(import.meta.url)) {
  const i = process.argv.indexOf('--records');
  await runReadBack(i >= 0 ? Number(process.argv[i + 1]) : 400_000);
}
