// Large GetRecords pages (up to the 10 MiB cap) read concurrently over HTTP/1.1 and HTTP/2 by the
// SDK against the real server: the server reuses the memory of released reads and of sent
// response bodies, so this checks that no answer ever carries bytes of another read or answer.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStreamCommand, DescribeStreamSummaryCommand, GetRecordsCommand, GetShardIteratorCommand, PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { startTributary, type TributaryProcess } from './support/tributary-process.js';
import { kinesisClient } from './support/sdk-client.js';
import { hashRangeOf, shardIdOf } from './support/expected-shard.js';
import { pollUntil } from './support/poll-until.js';

const STREAM = 'large-reads';
const SHARDS = 2;
/** Per shard: 3,000 records of 4 KiB (12 MB), so the first page stops at the 10 MiB cap. */
const RECORDS = 3000;
const RECORD_BYTES = 4096;
const MIB = 1024 * 1024;

/** Record `i` of shard `s`: its identity in the first 8 bytes, then a pattern derived from it. */
function recordData(s: number, i: number): Buffer {
  const data = Buffer.allocUnsafe(RECORD_BYTES);
  data.writeUInt32BE(s, 0);
  data.writeUInt32BE(i, 4);
  for (let k = 8; k < RECORD_BYTES; k++) data[k] = (k * 31 + i * 7 + s * 13) & 0xff;
  return data;
}

let server: TributaryProcess;
let dataDir: string;
let h1: KinesisClient;
let h2: KinesisClient;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tributary-large-reads-'));
  server = await startTributary({ dataDir });
  h1 = kinesisClient(server.url, 'http1').client;
  h2 = kinesisClient(server.url, 'default-h2').client;
});

after(async () => {
  h1?.destroy();
  h2?.destroy();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Reads shard `s` from TRIM_HORIZON to its end; returns the page sizes and checks every record. */
async function readShard(client: KinesisClient, s: number): Promise<number[]> {
  const it = await client.send(new GetShardIteratorCommand({ StreamName: STREAM, ShardId: shardIdOf(s), ShardIteratorType: 'TRIM_HORIZON' }));
  let iterator = it.ShardIterator;
  let next = 0;
  const pages: number[] = [];
  while (iterator !== undefined && next < RECORDS) {
    const out = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10000 }));
    const records = out.Records ?? [];
    pages.push(records.length);
    for (const r of records) {
      const data = Buffer.from(r.Data!);
      if (!data.equals(recordData(s, next))) assert.fail(`shard ${s} record ${next}: got shard ${data.readUInt32BE(0)} record ${data.readUInt32BE(4)}, or other bytes`);
      assert.equal(r.PartitionKey, `s${s}-${next}`);
      next++;
    }
    iterator = out.NextShardIterator;
  }
  assert.equal(next, RECORDS);
  return pages;
}

describe('large GetRecords pages read concurrently', () => {
  test('every reader gets exactly its records, over HTTP/1.1 and HTTP/2 at once', async () => {
    await h1.send(new CreateStreamCommand({ StreamName: STREAM, ShardCount: SHARDS }));
    await pollUntil(async () => (await h1.send(new DescribeStreamSummaryCommand({ StreamName: STREAM }))).StreamDescriptionSummary?.StreamStatus === 'ACTIVE', 'stream ACTIVE');
    for (let s = 0; s < SHARDS; s++) {
      const hashKey = hashRangeOf(s, SHARDS).StartingHashKey;
      for (let first = 0; first < RECORDS; first += 250) {
        const entries = Array.from({ length: 250 }, (_, k) => ({ Data: recordData(s, first + k), PartitionKey: `s${s}-${first + k}`, ExplicitHashKey: hashKey }));
        const out = await h1.send(new PutRecordsCommand({ StreamName: STREAM, Records: entries }));
        assert.equal(out.FailedRecordCount, 0);
      }
    }
    const readers = [h1, h2, h1, h2].map((client, n) => readShard(client, n % SHARDS));
    const pages = await Promise.all(readers);
    const fullPage = Math.floor((10 * MIB) / RECORD_BYTES);
    for (const sizes of pages) assert.deepEqual(sizes, [fullPage, RECORDS - fullPage]);
  });
});
