// The console against a real server process: static front end (content types, path safety) and
// the JSON API after real SDK traffic — shards, record search, per-shard series and hot keys
// from the metrics, a mapping's lag and lanes, a function's stats and logs, disable and rewind.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { GetEventSourceMappingCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { repoRoot, startServer, type ServerProcess } from '../helpers/server-process.js';
import { createMapping, deployFunction, lambdaClient } from './support/mapping-fixture.js';
import { pollUntil } from './support/poll-until.js';

const STREAM = 'console-orders';
const LOW = '0';
const HIGH = '340282366920938463463374607431768211455';
const HANDLER = `export const handler = async (event) => {
  for (const r of event.Records) console.log('seen', r.kinesis.partitionKey, Buffer.from(r.kinesis.data, 'base64').toString());
  return null;
};`;

let server: ServerProcess;
let kinesis: KinesisClient;
let lambda: LambdaClient;
let streamArn = '';

async function api<T>(path: string, init?: { method: string; body?: unknown }): Promise<{ status: number; json: T }> {
  const res = await fetch(`${server.url}/console/api${path}`, {
    method: init?.method ?? 'GET',
    ...(init?.body !== undefined ? { body: JSON.stringify(init.body), headers: { 'content-type': 'application/json' } } : {}),
  });
  assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
  return { status: res.status, json: (await res.json()) as T };
}

interface Lane { shardId: string; lagRecords: number; state: { kind: string } }
interface Mapping { uuid: string; state: string; lagRecords: number; lanes: Lane[] }
interface Fn { name: string; stats: { invocations: number; errors: number; durationMs: { samples: number } | null }; recentLogs: { message: string }[] }

before(async () => {
  const root = repoRoot();
  if (!existsSync(join(root, 'dist', 'console', 'app.js'))) {
    const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-console.mjs')], { stdio: 'inherit' });
    assert.equal(built.status, 0);
  }
  server = await startServer();
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy-secret' };
  kinesis = new KinesisClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1, requestHandler: new NodeHttpHandler() });
  lambda = lambdaClient(server.url);
  await kinesis.send(new CreateStreamCommand({ StreamName: STREAM, ShardCount: 2 }));
  await pollUntil(async () => {
    const out = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: STREAM }));
    streamArn = out.StreamDescriptionSummary?.StreamARN ?? '';
    return out.StreamDescriptionSummary?.StreamStatus === 'ACTIVE';
  }, `${STREAM} ACTIVE`, 10_000);
  const out = await kinesis.send(new PutRecordsCommand({
    StreamName: STREAM,
    Records: [
      { PartitionKey: 'alice', ExplicitHashKey: LOW, Data: Buffer.from('{"n":1}') },
      { PartitionKey: 'alice', ExplicitHashKey: LOW, Data: Buffer.from('{"n":2}') },
      { PartitionKey: 'bob', ExplicitHashKey: LOW, Data: Buffer.from('{"n":3}') },
      { PartitionKey: 'carol', ExplicitHashKey: HIGH, Data: Buffer.from('{"n":4}') },
    ],
  }));
  assert.equal(out.FailedRecordCount, 0);
});

after(async () => {
  kinesis?.destroy();
  lambda?.destroy();
  await server?.stop();
});

describe('console over HTTP', () => {
  test('serves the front end with content types; /console redirects; unknown files 404', async () => {
    const redirect = await fetch(`${server.url}/console`, { redirect: 'manual' });
    assert.equal(redirect.status, 302);
    assert.equal(redirect.headers.get('location'), '/console/');
    const index = await fetch(`${server.url}/console/`);
    assert.equal(index.status, 200);
    assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(await index.text(), /<script type="module" src="app\.js"><\/script>/);
    for (const [path, type] of [['app.js', 'text/javascript; charset=utf-8'], ['styles.css', 'text/css; charset=utf-8'], ['uPlot.min.css', 'text/css; charset=utf-8']]) {
      const res = await fetch(`${server.url}/console/${path}`);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('content-type'), type, path);
    }
    assert.equal((await fetch(`${server.url}/console/nope.js`)).status, 404);
  });

  test('streams, record search and per-shard series after SDK puts', async () => {
    const { json } = await api<{ streams: { name: string; storedRecords: number; shards: { shardId: string; storedRecords: number }[] }[] }>('/streams');
    const stream = json.streams.find((s) => s.name === STREAM)!;
    assert.equal(stream.storedRecords, 4);
    assert.deepEqual(stream.shards.map((s) => [s.shardId, s.storedRecords]), [['shardId-000000000000', 3], ['shardId-000000000001', 1]]);

    const search = await api<{ records: { partitionKey: string; shardId: string; data: { json: string } }[] }>(`/streams/${STREAM}/records?partitionKey=alice&shardId=shardId-000000000000`);
    assert.deepEqual(search.json.records.map((r) => [r.partitionKey, r.data.json]), [['alice', '{\n  "n": 2\n}'], ['alice', '{\n  "n": 1\n}']]);

    const metrics = await api<{ metricsEnabled: boolean; shards: { shardId: string; incomingRecords: { v: number[] } }[] }>(`/streams/${STREAM}/metrics`);
    assert.equal(metrics.json.metricsEnabled, true);
    const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
    assert.deepEqual(metrics.json.shards.map((s) => [s.shardId, sum(s.incomingRecords.v)]), [['shardId-000000000000', 3], ['shardId-000000000001', 1]]);

    const hot = await api<{ shards: { shardId: string; keys: { key: string; count: number }[] }[] }>(`/streams/${STREAM}/hot-keys?n=2`);
    assert.deepEqual(hot.json.shards.map((s) => [s.shardId, s.keys.map((k) => [k.key, k.count])]), [
      ['shardId-000000000000', [['alice', 2], ['bob', 1]]],
      ['shardId-000000000001', [['carol', 1]]],
    ]);
  });

  test('a mapping catches up (lag 0), the function shows invocations and logs; disable and rewind work', async () => {
    await deployFunction(lambda, { name: 'console-fn', source: HANDLER });
    const uuid = await createMapping(lambda, { FunctionName: 'console-fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 10 });
    const seen = (fn: Fn) => fn.recentLogs.filter((l) => l.message.includes('seen')).length;
    const caughtUp = await pollUntil(async () => {
      const { json } = await api<{ mappings: Mapping[] }>('/mappings');
      const m = json.mappings.find((x) => x.uuid === uuid);
      return m && m.lanes.length === 2 && m.lagRecords === 0 ? m : undefined;
    }, 'mapping lag 0', 20_000, 50);
    assert.equal(caughtUp.state, 'Enabled');
    assert.deepEqual(caughtUp.lanes.map((l) => [l.shardId, l.lagRecords]), [['shardId-000000000000', 0], ['shardId-000000000001', 0]]);
    const fn = await pollUntil(async () => {
      const f = (await api<{ functions: Fn[] }>('/functions')).json.functions.find((x) => x.name === 'console-fn');
      return f && seen(f) === 4 ? f : undefined;
    }, 'four log lines', 10_000, 50);
    assert.equal(fn.stats.errors, 0);
    assert.equal(fn.stats.invocations, fn.stats.durationMs!.samples);

    assert.deepEqual(await api(`/mappings/${uuid}/rewind`, { method: 'POST', body: { position: 'TRIM_HORIZON' } }), { status: 200, json: { uuid, rewoundTo: 'TRIM_HORIZON' } });
    await pollUntil(async () => {
      const f = (await api<{ functions: Fn[] }>('/functions')).json.functions.find((x) => x.name === 'console-fn');
      return f && seen(f) === 8;
    }, 'records delivered again after rewind', 10_000, 50);

    const disabled = await api<{ uuid: string; enabled: boolean }>(`/mappings/${uuid}/disable`, { method: 'POST' });
    assert.deepEqual(disabled, { status: 200, json: { uuid, state: 'Disabling', enabled: false } });
    await pollUntil(async () => (await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }))).State === 'Disabled', 'Disabled', 10_000, 20);
  });
});
