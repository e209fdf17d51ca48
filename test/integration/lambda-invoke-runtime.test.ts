// Invoke against the real server process, for what the runtime adds around the handler: handlers
// reach Tributary through an AWS SDK (AWS_ENDPOINT_URL and credentials set as Lambda would),
// failed Event invocations are retried twice more, a full function answers 429 with its Reason.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { InvokeCommand, LambdaClient, TooManyRequestsException } from '@aws-sdk/client-lambda';
import { startServer, type ServerProcess } from '../helpers/server-process.js';
import { pollUntil } from './support/poll-until.js';

const HANDLERS = `
const fs = require('node:fs');
const NAMES = ['AWS_ENDPOINT_URL', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];
const env = () => Object.fromEntries(NAMES.map((name) => [name, process.env[name] ?? null]));
exports.put = async (event) => {
  const { KinesisClient, PutRecordCommand } = require(process.env.KINESIS_SDK);
  const out = await new KinesisClient({}).send(new PutRecordCommand({ StreamName: event.stream, PartitionKey: 'pk', Data: Buffer.from(event.data) }));
  return { shardId: out.ShardId, env: env() };
};
exports.env = async () => env();
exports.fail = async (event, context) => {
  fs.appendFileSync(event.mark, context.awsRequestId + '\\n');
  throw new Error('always fails');
};
exports.slow = async (event) => {
  fs.writeFileSync(event.started, '');
  await new Promise((resolve) => setTimeout(resolve, event.ms));
  return 'done';
};
`;

let dir: string;
let server: ServerProcess;
let lambda: LambdaClient;
let kinesis: KinesisClient;
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy-secret' };

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tributary-it-invoke-'));
  await mkdir(join(dir, 'code'));
  await writeFile(join(dir, 'code', 'index.js'), HANDLERS);
  const sdk = createRequire(import.meta.url).resolve('@aws-sdk/client-kinesis');
  const fn = (name: string, handler: string, extra: string[] = []) => [`  - name: ${name}`, `    dir: ${join(dir, 'code')}`, `    handler: index.${handler}`, ...extra];
  const config = [
    'functions:',
    ...fn('put', 'put', ['    timeout: 30', `    environment: { KINESIS_SDK: ${JSON.stringify(sdk)} }`]),
    ...fn('own-env', 'env', ['    environment: { AWS_ENDPOINT_URL: "http://example.invalid:1", AWS_ACCESS_KEY_ID: mine }']),
    ...fn('fail', 'fail'),
    ...fn('slow', 'slow', ['    concurrency: 1', '    timeout: 30']),
  ].join('\n');
  await writeFile(join(dir, 'tributary.yml'), config + '\n');
  server = await startServer({
    args: ['--config', join(dir, 'tributary.yml'), '--lambda-event-retry-delays-ms', '20,40', '--lambda-max-queued-invocations', '0'],
  });
  lambda = new LambdaClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  kinesis = new KinesisClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
});

after(async () => {
  lambda?.destroy();
  kinesis?.destroy();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function invoke(name: string, event: unknown): Promise<unknown> {
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(event)) }));
  const body: unknown = JSON.parse(Buffer.from(out.Payload!).toString('utf8'));
  assert.equal(out.FunctionError, undefined, JSON.stringify(body));
  return body;
}

describe('Invoke: what the runtime adds around the handler', () => {
  test('a handler using the AWS SDK with no endpoint configured puts a record into Tributary', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'from-lambda', ShardCount: 1 }));
    const out = (await invoke('put', { stream: 'from-lambda', data: 'hello from a function' })) as { shardId: string; env: Record<string, string> };
    assert.deepEqual(out, {
      shardId: 'shardId-000000000000',
      env: {
        AWS_ENDPOINT_URL: server.url,
        AWS_REGION: 'us-east-1',
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_SESSION_TOKEN: 'test',
      },
    });
    const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'from-lambda', ShardId: out.shardId, ShardIteratorType: 'TRIM_HORIZON' }));
    const { Records } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
    assert.deepEqual(Records?.map((r) => Buffer.from(r.Data!).toString('utf8')), ['hello from a function']);
  });

  test("the function's own environment overrides the endpoint and credentials", async () => {
    assert.deepEqual(await invoke('own-env', {}), {
      AWS_ENDPOINT_URL: 'http://example.invalid:1',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'mine',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_SESSION_TOKEN: 'test',
    });
  });

  test('a failing Event invocation runs three times in all, under one request id', async () => {
    const mark = join(dir, 'fail.log');
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'fail', InvocationType: 'Event', Payload: Buffer.from(JSON.stringify({ mark })) }));
    assert.equal(out.StatusCode, 202);
    const lines = async () => (await readFile(mark, 'utf8').catch(() => '')).split('\n').filter(Boolean);
    await pollUntil(async () => (await lines()).length >= 3, 'three attempts', 10_000);
    await sleep(300); // retry delays are 20 and 40 ms: a fourth attempt would have come by now
    const attempts = await lines();
    assert.equal(attempts.length, 3);
    assert.equal(new Set(attempts).size, 1);
    assert.equal(attempts[0], out.$metadata.requestId);
  });

  test('a function whose instances are all busy answers 429 TooManyRequestsException with its Reason', async () => {
    const started = join(dir, 'slow.started');
    const first = invoke('slow', { ms: 2000, started });
    await pollUntil(() => stat(started).then(() => true), 'the slow invocation to start', 10_000);
    const err = await lambda.send(new InvokeCommand({ FunctionName: 'slow', Payload: Buffer.from('{"ms":0}') })).then(
      () => assert.fail('expected a throttle'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof TooManyRequestsException, String(err));
    assert.deepEqual([err.$metadata.httpStatusCode, err.Reason, err.message], [429, 'ReservedFunctionConcurrentInvocationLimitExceeded', 'Rate Exceeded.']);
    assert.equal(await first, 'done');
  });
});
