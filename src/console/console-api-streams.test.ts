import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import type { MetricsHub } from '../metrics/metrics-hub.js';
import type { ConsoleMetrics, MappingPort } from './console-deps.js';
import { createStack, T0, type Stack } from './console-stack.test-support.js';

const HALF = '170141183460469231731687303715884105727';
const MAX = '340282366920938463463374607431768211455';

describe('console API: streams, records, charts', () => {
  let s: Stack;
  let puts: { seq: string; shardId: string }[];
  before(async () => {
    s = await createStack();
    puts = await s.put([['user-1', '{"a":1}'], ['user-2', 'plain text']]);
    s.clock.advance(60_000);
    puts.push(...(await s.put([['user-1', gzipSync('{"z":[1,2]}')], ['user-1', Buffer.from([0xff, 0xfe, 0x00])]])));
  });
  after(() => s.close());

  test('GET /streams lists shards with hash ranges, key-space share, lineage and counts', async () => {
    const { status, json } = await s.call(s.deps(), 'GET', '/streams');
    assert.equal(status, 200);
    const { streams } = json as { streams: { name: string; openShards: number; storedRecords: number; shards: Record<string, unknown>[] }[] };
    assert.equal(streams.length, 1);
    assert.equal(streams[0]!.name, 'orders');
    assert.equal(streams[0]!.openShards, 2);
    assert.equal(streams[0]!.storedRecords, 4);
    const perShard = (id: string) => puts.filter((p) => p.shardId === id).length;
    assert.deepEqual(
      streams[0]!.shards.map((sh) => [sh['shardId'], sh['hashKeyStart'], sh['hashKeyEnd'], sh['keySpaceShare'], sh['open'], sh['parentShardId'], sh['childShardIds'], sh['storedRecords']]),
      [
        ['shardId-000000000000', '0', HALF, 0.5, true, null, [], perShard('shardId-000000000000')],
        ['shardId-000000000001', (BigInt(HALF) + 1n).toString(), MAX, 0.5, true, null, [], perShard('shardId-000000000001')],
      ],
    );
  });

  test('a partition key search returns that key\'s records newest first, decoded, with a put command', async () => {
    const { status, json } = await s.call(s.deps(), 'GET', '/streams/orders/records?partitionKey=user-1');
    assert.equal(status, 200);
    const result = json as { records: { partitionKey: string; sequenceNumber: string; arrivalMs: number; data: Record<string, unknown>; putCommand: string }[]; scanned: number; truncated: boolean };
    assert.deepEqual(result.records.map((r) => r.sequenceNumber), [puts[3]!.seq, puts[2]!.seq, puts[0]!.seq]);
    assert.deepEqual(result.records.map((r) => r.arrivalMs), [T0 + 60_000, T0 + 60_000, T0]);
    assert.deepEqual(result.records.map((r) => r.data['kind']), ['binary', 'gzip-json', 'json']);
    assert.equal(result.records[1]!.data['gzip'] && (result.records[1]!.data['gzip'] as { json: string }).json, '{\n  "z": [\n    1,\n    2\n  ]\n}');
    assert.equal(result.records[2]!.data['json'], '{\n  "a": 1\n}');
    assert.equal(result.records[0]!.data['utf8'], null);
    assert.equal(result.records[0]!.data['base64'], '//4A');
    assert.equal(result.records[2]!.putCommand, "aws kinesis put-record --stream-name 'orders' --partition-key 'user-1' --data 'eyJhIjoxfQ==' --cli-binary-format base64 --region us-east-1");
    assert.equal(result.truncated, false);
    assert.equal(result.scanned, puts.length, 'every shard is scanned: explicit hash keys put records anywhere');
  });

  test('a partition key search finds a record put with an ExplicitHashKey in the other shard', async () => {
    const keyShard = puts[0]!.shardId;
    const other = keyShard === 'shardId-000000000000' ? { hashKey: MAX, shardId: 'shardId-000000000001' } : { hashKey: '0', shardId: 'shardId-000000000000' };
    const stack = await createStack();
    try {
      await stack.put([['user-1', 'by hash']]);
      const out = await stack.records.putRecords({ streamName: 'orders' }, [{ partitionKey: 'user-1', data: Buffer.from('explicit'), explicitHashKey: other.hashKey }]);
      assert.equal(out.shardIds[0], other.shardId);
      const { json } = await stack.call(stack.deps(), 'GET', '/streams/orders/records?partitionKey=user-1');
      const result = json as { records: { shardId: string; explicitHashKey: string | null; data: { utf8: string }; putCommand: string }[] };
      assert.deepEqual(result.records.map((r) => [r.data.utf8, r.shardId, r.explicitHashKey]).sort(), [['by hash', keyShard, null], ['explicit', other.shardId, other.hashKey]].sort());
      assert.match(result.records.find((r) => r.explicitHashKey !== null)!.putCommand, new RegExp(`--explicit-hash-key ${other.hashKey} `));
    } finally {
      await stack.close();
    }
  });

  test('a partition key search stops starting shards past maxTotalScan and says it was truncated', async () => {
    const { searchRecords } = await import('./record-search.js');
    const stream = s.streams.list().find((x) => x.name === 'orders')!;
    const result = await searchRecords(stream, { partitionKey: 'user-1' }, { log: s.log, region: 'us-east-1', maxTotalScan: 1 });
    assert.equal(result.truncated, true);
    assert.equal(result.scanned, puts.filter((p) => p.shardId === puts[0]!.shardId).length, 'only the shard holding the key hash was scanned');
  });

  test('a sequence number search reads exactly that record', async () => {
    const { json } = await s.call(s.deps(), 'GET', `/streams/orders/records?sequenceNumber=${puts[1]!.seq}`);
    const result = json as { records: { partitionKey: string; shardId: string; data: { utf8: string; kind: string } }[]; scanned: number };
    assert.deepEqual(result.records.map((r) => [r.partitionKey, r.shardId, r.data.utf8, r.data.kind]), [['user-2', puts[1]!.shardId, 'plain text', 'text']]);
    assert.equal(result.scanned, 1);
    const none = await s.call(s.deps(), 'GET', '/streams/orders/records?sequenceNumber=123');
    assert.deepEqual(none.json, { records: [], scanned: 0, truncated: false });
  });

  test('a time range returns the records that arrived in it, oldest first', async () => {
    const { json } = await s.call(s.deps(), 'GET', `/streams/orders/records?fromMs=${T0 + 1}&toMs=${T0 + 60_000}`);
    const result = json as { records: { sequenceNumber: string }[] };
    assert.deepEqual(result.records.map((r) => r.sequenceNumber).sort(), [puts[2]!.seq, puts[3]!.seq].sort());
    const before = await s.call(s.deps(), 'GET', `/streams/orders/records?fromMs=0&toMs=${T0}`);
    assert.deepEqual((before.json as { records: { sequenceNumber: string }[] }).records.map((r) => r.sequenceNumber).sort(), [puts[0]!.seq, puts[1]!.seq].sort());
  });

  test('a scan bound marks the result truncated', async () => {
    const { searchRecords } = await import('./record-search.js');
    const stream = s.streams.require({ streamName: 'orders' });
    const result = await searchRecords(stream, { partitionKey: 'user-1' }, { log: s.log, region: 'us-east-1', maxScan: 1 });
    assert.equal(result.truncated, true);
    assert.deepEqual(result.records.map((r) => r.sequenceNumber), [puts[3]!.seq]);
  });

  test('per-shard series come from the MetricsHub with StreamName/ShardId labels', async () => {
    const queries: unknown[] = [];
    const metrics = {
      series: (q: Parameters<MetricsHub['series']>[0]) => (queries.push(q), { t: [T0], v: [q.metric.endsWith('Records') ? 3 : 7] }),
      top: (metric: string, key: string, n: number, labels?: Record<string, string>) => [{ key: `${metric}|${key}|${n}|${labels?.['ShardId']}`, count: 2, error: 0 }],
      status: () => ({ atMs: T0, mappings: [], sources: {} }),
    } as ConsoleMetrics;
    const arn = s.streams.require({ streamName: 'orders' }).arn;
    const mappings = {
      list: () => [{ uuid: 'm-1', functionName: 'fn', eventSourceArn: arn }, { uuid: 'm-2', functionName: 'other', eventSourceArn: `${arn}-x` }],
    } as unknown as MappingPort;
    const { json } = await s.call(s.deps({ metrics, mappings }), 'GET', `/streams/orders/metrics?sinceMs=${T0 - 5000}`);
    const view = json as { metricsEnabled: boolean; shards: { shardId: string; incomingRecords: unknown; iteratorAgeMs: unknown }[] };
    assert.equal(view.metricsEnabled, true);
    assert.deepEqual(view.shards[1], {
      shardId: 'shardId-000000000001',
      incomingRecords: { t: [T0], v: [3] },
      incomingBytes: { t: [T0], v: [7] },
      iteratorAgeMs: { t: [T0], v: [7] },
      mappingIteratorAgeMs: [{ uuid: 'm-1', functionName: 'fn', points: { t: [T0], v: [7] } }],
    });
    assert.deepEqual(queries.at(-1), { metric: 'lambda:IteratorAge', labels: { EventSourceMappingUUID: 'm-1', ShardId: 'shardId-000000000001' }, sinceMs: T0 - 5000 });
    assert.deepEqual(queries[0], { metric: 'kinesis:IncomingRecords', labels: { StreamName: 'orders', ShardId: 'shardId-000000000000' }, sinceMs: T0 - 5000 });
    const hot = await s.call(s.deps({ metrics }), 'GET', '/streams/orders/hot-keys?n=3');
    assert.deepEqual(hot.json, {
      shards: [
        { shardId: 'shardId-000000000000', keys: [{ key: 'kinesis:IncomingRecords|PartitionKey|3|shardId-000000000000', count: 2, error: 0 }] },
        { shardId: 'shardId-000000000001', keys: [{ key: 'kinesis:IncomingRecords|PartitionKey|3|shardId-000000000001', count: 2, error: 0 }] },
      ],
    });
  });

  test('without metrics the series are empty and flagged', async () => {
    const { json } = await s.call(s.deps(), 'GET', '/streams/orders/metrics');
    const view = json as { metricsEnabled: boolean; shards: { incomingRecords: unknown }[] };
    assert.equal(view.metricsEnabled, false);
    assert.deepEqual(view.shards.map((x) => x.incomingRecords), [{ t: [], v: [] }, { t: [], v: [] }]);
  });

  test('errors: unknown stream 404, unknown path 404, wrong method 405, bad number 400', async () => {
    assert.deepEqual(await s.call(s.deps(), 'GET', '/streams/nope'), { status: 404, json: { error: 'stream nope not found' } });
    assert.deepEqual(await s.call(s.deps(), 'GET', '/nothing'), { status: 404, json: { error: 'no console endpoint /nothing' } });
    assert.deepEqual(await s.call(s.deps(), 'POST', '/streams'), { status: 405, json: { error: 'method POST not allowed' } });
    assert.deepEqual(await s.call(s.deps(), 'GET', '/streams/orders/records?fromMs=abc'), { status: 400, json: { error: 'fromMs must be a number' } });
  });

  test('overview counts; no delivery streams without a Firehose port', async () => {
    assert.deepEqual((await s.call(s.deps(), 'GET', '/overview')).json, { nowMs: T0 + 60_000, streams: 1, mappings: 0, functions: 0, queues: 0, deliveryStreams: 0 });
    assert.deepEqual((await s.call(s.deps(), 'GET', '/delivery-streams')).json, { deliveryStreams: [] });
  });
});
