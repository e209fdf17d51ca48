// The durability invariant under crashes: a sustained PutRecords load, the server killed with
// SIGKILL at random points and restarted on the same data dir several times; every acknowledged
// record must then be readable exactly, in strictly increasing sequence order, with no partial record.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTributary, type TributaryProcess } from '../integration/support/tributary-process.js';
import { RawKinesisClient } from '../integration/support/raw-kinesis-client.js';
import { pollUntil } from '../integration/support/poll-until.js';

const STREAM = 'crash';
const SHARDS = 4;
const CYCLES = 4;
const CLIENTS = 6;
const BATCH = 200;
const MAGIC = Buffer.from('TRB1');
const LOAD_DEADLINE_MS = 40_000;

interface Ack {
  readonly partitionKey: string;
  readonly dataHash: string;
}

/** A self-checking payload: magic, sha256 of the rest, then client/counter ids and random bytes. */
function makePayload(client: number, counter: number): Buffer {
  const body = Buffer.concat([Buffer.alloc(8), randomBytes(16 + Math.floor(Math.random() * 1500))]);
  body.writeUInt32BE(client, 0);
  body.writeUInt32BE(counter, 4);
  return Buffer.concat([MAGIC, createHash('sha256').update(body).digest(), body]);
}

function isWellFormed(data: Buffer): boolean {
  if (data.length < 44 || !data.subarray(0, 4).equals(MAGIC)) return false;
  return createHash('sha256').update(data.subarray(36)).digest().equals(data.subarray(4, 36));
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

let dir: string | undefined;
let server: TributaryProcess | undefined;

after(async () => {
  await server?.kill9();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

test('kill -9 during sustained PutRecords loses no acknowledged record and exposes no partial one', { timeout: 90_000 }, async (t) => {
  dir = await mkdtemp(join(tmpdir(), 'tributary-crash-'));
  const dataDir = dir;
  const acked = new Map<string, Ack>();
  let client: RawKinesisClient | undefined;
  let attempted = 0;
  let failedRequests = 0;
  let running = true;
  const started = Date.now();

  server = await startTributary({ dataDir });
  client = new RawKinesisClient(server.url, CLIENTS);
  await client.call('CreateStream', { StreamName: STREAM, ShardCount: SHARDS });
  await pollUntil(async () => {
    const s = await client!.call<{ StreamDescriptionSummary: { StreamStatus: string } }>('DescribeStreamSummary', { StreamName: STREAM });
    return s.StreamDescriptionSummary.StreamStatus === 'ACTIVE';
  }, 'stream ACTIVE');

  const producer = async (id: number): Promise<void> => {
    for (let counter = 0; running && Date.now() - started < LOAD_DEADLINE_MS; ) {
      const current = client;
      if (current === undefined) {
        await sleep(5);
        continue;
      }
      const entries = Array.from({ length: BATCH }, (_, i) => ({ pk: `c${id}-${counter}-${i}`, data: makePayload(id, counter + i) }));
      counter += BATCH;
      attempted += BATCH;
      try {
        const out = await current.call<{ FailedRecordCount: number; Records: { ShardId?: string; SequenceNumber?: string; ErrorCode?: string }[] }>('PutRecords', {
          StreamName: STREAM,
          Records: entries.map((e) => ({ PartitionKey: e.pk, Data: e.data.toString('base64') })),
        });
        assert.equal(out.Records.length, BATCH);
        out.Records.forEach((r, i) => {
          if (r.ErrorCode !== undefined) return;
          const key = `${r.ShardId}/${r.SequenceNumber}`;
          assert.equal(acked.has(key), false, `sequence number ${key} acknowledged twice`);
          acked.set(key, { partitionKey: entries[i]!.pk, dataHash: sha(entries[i]!.data) });
        });
      } catch (err) {
        if (err instanceof assert.AssertionError) throw err;
        failedRequests++;
        await sleep(5);
      }
    }
  };

  const producers = Array.from({ length: CLIENTS }, (_, i) => producer(i));
  try {
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const loadMs = 300 + Math.floor(Math.random() * 1200);
      await sleep(loadMs);
      const before = acked.size;
      await server.kill9();
      const dead = client;
      client = undefined;
      dead?.close();
      t.diagnostic(`cycle ${cycle}: killed after ${loadMs} ms of load, ${before} records acknowledged so far`);
      server = await startTributary({ dataDir });
      client = new RawKinesisClient(server.url, CLIENTS);
    }
    await sleep(300);
  } finally {
    running = false;
    await Promise.all(producers);
  }
  assert.ok(acked.size > 0, 'some records were acknowledged');

  // One last crash with no load in flight, then read everything back.
  await server.kill9();
  client.close();
  server = await startTributary({ dataDir });
  const reader = new RawKinesisClient(server.url, 1);
  let readCount = 0;
  let matched = 0;
  for (let s = 0; s < SHARDS; s++) {
    const shardId = `shardId-${String(s).padStart(12, '0')}`;
    const it = await reader.call<{ ShardIterator: string }>('GetShardIterator', { StreamName: STREAM, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' });
    let iterator: string | undefined = it.ShardIterator;
    let previous = -1n;
    for (let page = 0; page < 10_000 && iterator !== undefined; page++) {
      const out: { Records: { SequenceNumber: string; PartitionKey: string; Data: string }[]; NextShardIterator?: string; MillisBehindLatest: number } =
        await reader.call('GetRecords', { ShardIterator: iterator, Limit: 10_000 });
      for (const r of out.Records) {
        const seq = BigInt(r.SequenceNumber);
        assert.ok(seq > previous, `sequence numbers strictly increase in ${shardId}: ${r.SequenceNumber} after ${previous}`);
        previous = seq;
        const data = Buffer.from(r.Data, 'base64');
        assert.ok(isWellFormed(data), `record ${shardId}/${r.SequenceNumber} is well formed`);
        readCount++;
        const ack = acked.get(`${shardId}/${r.SequenceNumber}`);
        if (ack !== undefined) {
          assert.equal(r.PartitionKey, ack.partitionKey);
          assert.equal(sha(data), ack.dataHash);
          acked.delete(`${shardId}/${r.SequenceNumber}`);
          matched++;
        }
      }
      iterator = out.NextShardIterator;
      if (out.Records.length === 0 && out.MillisBehindLatest === 0) break;
    }
  }
  reader.close();
  t.diagnostic(`attempted ${attempted}, acknowledged ${matched + acked.size}, read ${readCount}, failed requests ${failedRequests}, ${Date.now() - started} ms`);
  assert.deepEqual([...acked.keys()].slice(0, 10), [], `${acked.size} acknowledged records are missing`);
  assert.ok(readCount >= matched);
});
