// GET /metrics through a real server after a known Kinesis workload driven with the SDK: the
// exposition parses, carries stream/shard labels, and its counters hold exact values.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  PutRecordCommand,
  PutRecordsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startServer, type ServerProcess } from '../helpers/server-process.js';
import { pollUntil } from './support/poll-until.js';
import { parsePrometheusText, sampleValue, type Family } from './support/prometheus-text.js';

const STREAM = 'metrics-orders';
const SHARD0 = 'shardId-000000000000';
const SHARD1 = 'shardId-000000000001';
const LOW = '0';
const HIGH = '340282366920938463463374607431768211455';

let server: ServerProcess;
let kinesis: KinesisClient;

async function scrape(): Promise<{ status: number; contentType: string; families: Map<string, Family>; text: string }> {
  const res = await fetch(`${server.url}/metrics`);
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', families: parsePrometheusText(text), text };
}

before(async () => {
  server = await startServer();
  kinesis = new KinesisClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy-secret' },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler(),
  });
});

after(async () => {
  kinesis?.destroy();
  await server?.stop();
});

describe('GET /metrics after Kinesis traffic', () => {
  test('is served as Prometheus text before any traffic', async () => {
    const res = await fetch(`${server.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4; charset=utf-8$/);
    parsePrometheusText(await res.text());
  });

  test('counts records, bytes, calls and reads per stream and per shard exactly', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: STREAM, ShardCount: 2 }));
    await pollUntil(async () => {
      const out = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: STREAM }));
      return out.StreamDescriptionSummary?.StreamStatus === 'ACTIVE';
    }, `${STREAM} ACTIVE`, 10_000);

    // Shard 0: three PutRecord calls (key "a", 5 data bytes each → 6 bytes per record).
    for (let i = 0; i < 3; i++) {
      await kinesis.send(new PutRecordCommand({ StreamName: STREAM, PartitionKey: 'a', ExplicitHashKey: LOW, Data: Buffer.from(`data${i}`) }));
    }
    // One PutRecords call: two records to shard 0 (key "bb", 3 bytes), three to shard 1 (key "ccc", 10 bytes).
    const out = await kinesis.send(
      new PutRecordsCommand({
        StreamName: STREAM,
        Records: [
          { PartitionKey: 'bb', ExplicitHashKey: LOW, Data: Buffer.from('xyz') },
          { PartitionKey: 'bb', ExplicitHashKey: LOW, Data: Buffer.from('xyz') },
          { PartitionKey: 'ccc', ExplicitHashKey: HIGH, Data: Buffer.from('0123456789') },
          { PartitionKey: 'ccc', ExplicitHashKey: HIGH, Data: Buffer.from('0123456789') },
          { PartitionKey: 'ccc', ExplicitHashKey: HIGH, Data: Buffer.from('0123456789') },
        ],
      }),
    );
    assert.equal(out.FailedRecordCount, 0);
    // A call that fails counts as no success and no records.
    await assert.rejects(kinesis.send(new PutRecordCommand({ StreamName: 'no-such-stream', PartitionKey: 'a', Data: Buffer.from('x') })), ResourceNotFoundException);

    // Read shard 0 back in one GetRecords call: 5 records.
    const iterator = await kinesis.send(new GetShardIteratorCommand({ StreamName: STREAM, ShardId: SHARD0, ShardIteratorType: 'TRIM_HORIZON' }));
    const got = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator!, Limit: 100 }));
    assert.equal(got.Records!.length, 5);

    const { families, text } = await scrape();
    const stream = { stream_name: STREAM };
    const shard0 = { stream_name: STREAM, shard_id: SHARD0 };
    const shard1 = { stream_name: STREAM, shard_id: SHARD1 };
    const value = (name: string, labels: Record<string, string>): number | undefined => sampleValue(families, name, labels);
    const context = `\n--- exposition ---\n${text}`;

    assert.equal(value('tributary_kinesis_incoming_records_total', stream), 8, context);
    assert.equal(value('tributary_kinesis_shard_incoming_records_total', shard0), 5, context);
    assert.equal(value('tributary_kinesis_shard_incoming_records_total', shard1), 3, context);
    assert.equal(value('tributary_kinesis_incoming_bytes_total', stream), 3 * 6 + 2 * 5 + 3 * 13, context);
    assert.equal(value('tributary_kinesis_shard_incoming_bytes_total', shard0), 3 * 6 + 2 * 5, context);
    assert.equal(value('tributary_kinesis_shard_incoming_bytes_total', shard1), 3 * 13, context);

    assert.equal(value('tributary_kinesis_put_record_success_total', stream), 3, context);
    assert.equal(value('tributary_kinesis_put_records_success_total', stream), 1, context);
    assert.equal(value('tributary_kinesis_put_record_latency_milliseconds_count', stream), 3, context);
    assert.equal(value('tributary_kinesis_put_records_latency_milliseconds_count', stream), 1, context);
    assert.equal(value('tributary_kinesis_put_record_success_total', { stream_name: 'no-such-stream' }), undefined, context);

    assert.equal(value('tributary_kinesis_get_records_success_total', stream), 1, context);
    assert.equal(value('tributary_kinesis_get_records_latency_milliseconds_count', stream), 1, context);
    assert.equal(value('tributary_kinesis_shard_get_records_records_total', shard0), 5, context);
    assert.equal(value('tributary_kinesis_shard_get_records_records_total', shard1), undefined, context);
  });

  test('every family is typed and documented; counters end in _total; every sample is labelled', async () => {
    const { families } = await scrape();
    const ours = [...families.values()].filter((f) => f.name.startsWith('tributary_'));
    assert.ok(ours.length >= 10, `only ${ours.length} tributary_ families`);
    for (const family of ours) {
      assert.notEqual(family.help, '', `${family.name} has no HELP`);
      if (family.type === 'counter') assert.match(family.name, /_total$/);
      for (const sample of family.samples) {
        const dims = Object.keys(sample.labels).filter((k) => k !== 'le');
        assert.ok(dims.length > 0, `${sample.name} has no labels`);
        if (family.name.includes('_shard_')) assert.deepEqual(dims.sort(), ['shard_id', 'stream_name']);
      }
    }
  });
});
