// CBOR round trip as the AWS Java SDK v2 speaks it (application/x-amz-cbor-1.1, blobs as byte
// strings, timestamps as tag 1 + epoch milliseconds): write over CBOR, read over JSON and CBOR.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addExtension, Encoder, Decoder, Tag } from 'cbor-x';
import { startTributary, type TributaryProcess } from './support/tributary-process.js';
import { CBOR_1_1, RawKinesisClient } from './support/raw-kinesis-client.js';
import { pollUntil } from './support/poll-until.js';

/** A CBOR tag-1 value exactly as it was on the wire (cbor-x would otherwise turn it into a Date). */
class EpochTag {
  constructor(readonly value: unknown) {}
}
addExtension<EpochTag, unknown>({ Class: EpochTag, tag: 1, encode: (v, enc) => enc(v.value), decode: (v) => new EpochTag(v) });

const encoder = new Encoder({ useRecords: false, mapsAsObjects: true, tagUint8Array: false });
const decoder = new Decoder({ useRecords: false, mapsAsObjects: true });
const STREAM = 'cbor-stream';
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

let server: TributaryProcess;
let dataDir: string;
let raw: RawKinesisClient;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tributary-cbor-'));
  server = await startTributary({ dataDir });
  raw = new RawKinesisClient(server.url, 2);
  await raw.call('CreateStream', { StreamName: STREAM, ShardCount: 1 });
  await pollUntil(async () => {
    const s = await raw.call<{ StreamDescriptionSummary: { StreamStatus: string } }>('DescribeStreamSummary', { StreamName: STREAM });
    return s.StreamDescriptionSummary.StreamStatus === 'ACTIVE';
  }, 'stream ACTIVE');
});

after(async () => {
  raw?.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Sends a CBOR request; resolves with the status, content type and decoded body. */
async function cbor(operation: string, input: unknown): Promise<{ status: number; type: string | undefined; body: Record<string, unknown> }> {
  const res = await raw.send({ operation, body: encoder.encode(input), contentType: CBOR_1_1 });
  return { status: res.status, type: res.headers['content-type'] as string | undefined, body: decoder.decode(res.body) as Record<string, unknown> };
}

function isBytes(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array;
}

describe('CBOR round trip', () => {
  const written: { seq: string; data: Buffer }[] = [];

  test('PutRecord over CBOR with a byte-string blob', async () => {
    const res = await cbor('PutRecord', { StreamName: STREAM, PartitionKey: 'java', Data: ALL_BYTES });
    assert.equal(res.status, 200);
    assert.equal(res.type, CBOR_1_1);
    assert.equal(res.body['ShardId'], 'shardId-000000000000');
    assert.match(String(res.body['SequenceNumber']), /^\d{20,}$/);
    written.push({ seq: String(res.body['SequenceNumber']), data: ALL_BYTES });
  });

  test('PutRecords over CBOR', async () => {
    const entries = [Buffer.alloc(0), Buffer.from('cbor ✓'), Buffer.alloc(4096, 0xa5)];
    const res = await cbor('PutRecords', { StreamName: STREAM, Records: entries.map((Data, i) => ({ Data, PartitionKey: `k${i}` })) });
    assert.equal(res.status, 200);
    assert.equal(res.body['FailedRecordCount'], 0);
    const results = res.body['Records'] as Record<string, unknown>[];
    assert.equal(results.length, 3);
    results.forEach((r, i) => written.push({ seq: String(r['SequenceNumber']), data: entries[i]! }));
  });

  let jsonArrivals: number[] = [];

  test('reading over JSON returns identical bytes', async () => {
    const it = await raw.call<{ ShardIterator: string }>('GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' });
    const out = await raw.call<{ Records: { SequenceNumber: string; Data: string; ApproximateArrivalTimestamp: number }[] }>('GetRecords', { ShardIterator: it.ShardIterator });
    assert.deepEqual(
      out.Records.map((r) => ({ seq: r.SequenceNumber, data: r.Data })),
      written.map((w) => ({ seq: w.seq, data: w.data.toString('base64') })),
    );
    jsonArrivals = out.Records.map((r) => r.ApproximateArrivalTimestamp);
  });

  test('reading over CBOR returns byte strings and tag-1 epoch-millisecond timestamps', async () => {
    const it = await cbor('GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' });
    assert.equal(it.status, 200);
    const out = await cbor('GetRecords', { ShardIterator: it.body['ShardIterator'], Limit: 100 });
    assert.equal(out.status, 200);
    assert.equal(out.type, CBOR_1_1);
    const records = out.body['Records'] as Record<string, unknown>[];
    assert.equal(records.length, written.length);
    records.forEach((r, i) => {
      assert.equal(r['SequenceNumber'], written[i]!.seq);
      assert.ok(isBytes(r['Data']), 'Data is a CBOR byte string');
      assert.equal(Buffer.from(r['Data']).toString('hex'), written[i]!.data.toString('hex'));
      const ts = r['ApproximateArrivalTimestamp'];
      assert.ok(ts instanceof EpochTag, 'ApproximateArrivalTimestamp carries CBOR tag 1');
      assert.ok(typeof ts.value === 'bigint' || Number.isInteger(ts.value), 'tag 1 wraps an integer number of milliseconds');
      const ms = Number(ts.value);
      assert.equal(ms, Math.round(jsonArrivals[i]! * 1000));
      assert.ok(Math.abs(ms - Date.now()) < 60_000);
    });
    assert.equal(out.body['MillisBehindLatest'], 0);
    assert.equal(typeof out.body['NextShardIterator'], 'string');
  });

  test('AT_TIMESTAMP accepts a tag-1 epoch-millisecond Timestamp over CBOR', async () => {
    const count = async (ms: number): Promise<number> => {
      const it = await cbor('GetShardIterator', { StreamName: STREAM, ShardId: 'shardId-000000000000', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: new Tag(ms, 1) });
      assert.equal(it.status, 200, JSON.stringify(it.body));
      const out = await cbor('GetRecords', { ShardIterator: it.body['ShardIterator'] });
      return (out.body['Records'] as unknown[]).length;
    };
    assert.equal(await count(Date.now() - 3_600_000), written.length);
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(await count(Date.now()), 0);
  });

  test('errors come back in CBOR', async () => {
    const res = await cbor('DescribeStreamSummary', { StreamName: 'missing' });
    assert.equal(res.status, 400);
    assert.equal(res.type, CBOR_1_1);
    assert.deepEqual(res.body, { __type: 'ResourceNotFoundException', message: 'Stream missing under account 000000000000 not found.' });
  });
});
