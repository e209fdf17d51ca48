// Functions end to end against the real server process: the AWS CLI v2 (2.9.19, rest-json) and
// @aws-sdk/client-lambda create, wait for, read, invoke (RequestResponse, Event, DryRun; function
// errors and log tails), update, list and delete functions; functions survive a restart.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { startServer, type ServerProcess } from '../helpers/server-process.js';
import { AwsCliError, awsCli, type AwsCli } from './support/aws-cli-runner.js';
import { pollUntil } from './support/poll-until.js';
import { zipHandler } from './support/handler-zip.js';

const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';
const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:';

let server: ServerProcess;
let dir: string;
let cli: AwsCli;

const HANDLER_V1 = `
const fs = require('node:fs');
exports.handler = async (event, context) => {
  console.log('event', JSON.stringify(event));
  if (event.fail) throw new Error('boom');
  if (event.mark) fs.appendFileSync(event.mark, context.awsRequestId + '\\n');
  return { ok: true, echo: event, greeting: process.env.GREETING ?? null, fn: context.functionName };
};
`;
const HANDLER_V2 = 'exports.handler = async () => ({ version: 2 });\n';

async function writeZip(name: string, source: string): Promise<{ path: string; bytes: Buffer }> {
  const bytes = zipHandler({ 'index.js': source });
  const path = join(dir, `${name}.zip`);
  await writeFile(path, bytes);
  return { path, bytes };
}

async function invokeCli(...args: string[]): Promise<{ meta: Record<string, unknown>; out: string }> {
  const outFile = join(dir, `out-${Math.random().toString(36).slice(2)}.json`);
  const meta = (await cli.json('lambda', 'invoke', '--cli-binary-format', 'raw-in-base64-out', ...args, outFile)) ?? {};
  let out = '';
  try {
    out = await readFile(outFile, 'utf8');
  } catch {
    out = '';
  }
  return { meta, out };
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tributary-it-lambda-'));
  server = await startServer();
  cli = awsCli(server.url, dir);
});

after(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('functions through the AWS CLI', () => {
  test('create-function --zip-file fileb:// answers Pending; wait function-active-v2 returns; get-function shows Active', async () => {
    const zip = await writeZip('v1', HANDLER_V1);
    const created = await cli.json(
      'lambda', 'create-function', '--function-name', 'cli-fn', '--runtime', 'nodejs20.x', '--role', ROLE,
      '--handler', 'index.handler', '--zip-file', `fileb://${zip.path}`,
    );
    assert.deepEqual(
      [created?.FunctionName, created?.FunctionArn, created?.State, created?.StateReasonCode, created?.CodeSize, created?.CodeSha256, created?.Timeout, created?.MemorySize],
      ['cli-fn', `${ARN}cli-fn`, 'Pending', 'Creating', zip.bytes.length, createHash('sha256').update(zip.bytes).digest('base64'), 3, 128],
    );
    assert.equal(await cli.json('lambda', 'wait', 'function-active-v2', '--function-name', 'cli-fn'), undefined);
    const got = await cli.json<{ Configuration: Record<string, unknown>; Code: Record<string, unknown> }>('lambda', 'get-function', '--function-name', 'cli-fn');
    assert.deepEqual([got?.Configuration.State, got?.Configuration.LastUpdateStatus, got?.Code.RepositoryType], ['Active', 'Successful', 'S3']);
  });

  test('invoke RequestResponse writes the result and, with --log-type Tail, returns the log', async () => {
    const { meta, out } = await invokeCli('--function-name', 'cli-fn', '--payload', '{"a":1}', '--log-type', 'Tail');
    assert.deepEqual(JSON.parse(out), { ok: true, echo: { a: 1 }, greeting: null, fn: 'cli-fn' });
    assert.deepEqual([meta.StatusCode, meta.ExecutedVersion, meta.FunctionError], [200, '$LATEST', undefined]);
    const log = Buffer.from(String(meta.LogResult), 'base64').toString('utf8');
    assert.match(log, /^START RequestId: [0-9a-f-]{36} Version: \$LATEST\n/);
    assert.match(log, /\tINFO\tevent \{"a":1\}\n/);
  });

  test('invoke of a throwing handler answers FunctionError Unhandled with the Node error payload', async () => {
    const { meta, out } = await invokeCli('--function-name', 'cli-fn', '--payload', '{"fail":true}');
    assert.deepEqual([meta.StatusCode, meta.FunctionError, meta.ExecutedVersion], [200, 'Unhandled', '$LATEST']);
    const error = JSON.parse(out) as { errorType: string; errorMessage: string; trace: string[] };
    assert.deepEqual([error.errorType, error.errorMessage, error.trace[0]], ['Error', 'boom', 'Error: boom']);
  });

  test('invoke --invocation-type Event answers 202 and the function runs in the background', async () => {
    const mark = join(dir, 'event-mark.txt');
    const { meta, out } = await invokeCli('--function-name', 'cli-fn', '--invocation-type', 'Event', '--payload', JSON.stringify({ mark }));
    assert.deepEqual([meta.StatusCode, out], [202, '']);
    const text = await pollUntil(async () => readFile(mark, 'utf8').catch(() => undefined), 'the event invocation', 10_000);
    assert.match(text ?? '', /^[0-9a-f-]{36}\n$/);
  });

  test('invoke --invocation-type DryRun answers 204 without running', async () => {
    const mark = join(dir, 'dry-mark.txt');
    const { meta } = await invokeCli('--function-name', 'cli-fn', '--invocation-type', 'DryRun', '--payload', JSON.stringify({ mark }));
    assert.equal(meta.StatusCode, 204);
    await assert.rejects(readFile(mark, 'utf8'), { code: 'ENOENT' });
  });

  test('update-function-configuration and update-function-code take effect on the next invoke', async () => {
    const config = await cli.json('lambda', 'update-function-configuration', '--function-name', 'cli-fn', '--environment', 'Variables={GREETING=hi}', '--timeout', '10');
    assert.deepEqual([config?.Timeout, config?.LastUpdateStatus, config?.Environment], [10, 'InProgress', { Variables: { GREETING: 'hi' } }]);
    await cli.json('lambda', 'wait', 'function-updated', '--function-name', 'cli-fn');
    assert.equal(JSON.parse((await invokeCli('--function-name', 'cli-fn', '--payload', '{}')).out).greeting, 'hi');

    const zip = await writeZip('v2', HANDLER_V2);
    const code = await cli.json('lambda', 'update-function-code', '--function-name', 'cli-fn', '--zip-file', `fileb://${zip.path}`);
    assert.deepEqual([code?.CodeSha256, code?.LastUpdateStatus], [createHash('sha256').update(zip.bytes).digest('base64'), 'InProgress']);
    await cli.json('lambda', 'wait', 'function-updated', '--function-name', 'cli-fn');
    assert.deepEqual(JSON.parse((await invokeCli('--function-name', 'cli-fn', '--payload', '{}')).out), { version: 2 });
  });

  test('list-functions lists it; delete-function removes it; get-function then fails with ResourceNotFoundException', async () => {
    const list = await cli.json<{ Functions: { FunctionName: string }[] }>('lambda', 'list-functions');
    assert.ok(list?.Functions.some((f) => f.FunctionName === 'cli-fn'));
    assert.equal(await cli.json('lambda', 'delete-function', '--function-name', 'cli-fn'), undefined);
    await assert.rejects(cli.json('lambda', 'get-function', '--function-name', 'cli-fn'), (err: unknown) => {
      assert.ok(err instanceof AwsCliError);
      assert.equal(err.code, 254);
      assert.match(err.stderr, /An error occurred \(ResourceNotFoundException\) when calling the GetFunction operation: Function not found: arn:aws:lambda:us-east-1:000000000000:function:cli-fn/);
      return true;
    });
  });

  test('create-function of a name in use fails with ResourceConflictException', async () => {
    const zip = await writeZip('dup', HANDLER_V2);
    const args = ['lambda', 'create-function', '--function-name', 'dup-fn', '--runtime', 'nodejs20.x', '--role', ROLE, '--handler', 'index.handler', '--zip-file', `fileb://${zip.path}`];
    await cli.json(...args);
    await assert.rejects(cli.json(...args), (err: unknown) => {
      assert.ok(err instanceof AwsCliError);
      assert.match(err.stderr, /\(ResourceConflictException\) when calling the CreateFunction operation: Function already exist: dup-fn/);
      return true;
    });
  });
});

describe('functions through @aws-sdk/client-lambda', () => {
  const client = (): LambdaClient =>
    new LambdaClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy-secret' },
      maxAttempts: 1,
    });

  test('CreateFunction, Invoke (result, function error, log tail), GetFunction, DeleteFunction', async () => {
    const lambda = client();
    try {
      const created = await lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'sdk-fn',
          Runtime: 'nodejs22.x',
          Role: ROLE,
          Handler: 'index.handler',
          Code: { ZipFile: zipHandler({ 'index.js': HANDLER_V1 }) },
          Environment: { Variables: { GREETING: 'sdk' } },
        }),
      );
      assert.deepEqual([created.State, created.FunctionArn, created.Runtime], ['Pending', `${ARN}sdk-fn`, 'nodejs22.x']);

      const ok = await lambda.send(new InvokeCommand({ FunctionName: 'sdk-fn', Payload: Buffer.from('{"b":2}'), LogType: 'Tail' }));
      assert.deepEqual([ok.StatusCode, ok.FunctionError, ok.ExecutedVersion], [200, undefined, '$LATEST']);
      assert.deepEqual(JSON.parse(Buffer.from(ok.Payload!).toString('utf8')), { ok: true, echo: { b: 2 }, greeting: 'sdk', fn: 'sdk-fn' });
      assert.match(Buffer.from(ok.LogResult!, 'base64').toString('utf8'), /END RequestId: /);

      const failed = await lambda.send(new InvokeCommand({ FunctionName: `${ARN}sdk-fn`, Payload: Buffer.from('{"fail":true}') }));
      assert.deepEqual([failed.StatusCode, failed.FunctionError], [200, 'Unhandled']);
      assert.equal(JSON.parse(Buffer.from(failed.Payload!).toString('utf8')).errorMessage, 'boom');

      const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'sdk-fn' }));
      assert.deepEqual([got.Configuration?.State, got.Configuration?.Environment?.Variables], ['Active', { GREETING: 'sdk' }]);

      await lambda.send(new DeleteFunctionCommand({ FunctionName: 'sdk-fn' }));
      await assert.rejects(lambda.send(new GetFunctionCommand({ FunctionName: 'sdk-fn' })), (err: unknown) => {
        assert.ok(err instanceof ResourceNotFoundException);
        assert.equal(err.message, `Function not found: ${ARN}sdk-fn`);
        assert.equal(err.$metadata.httpStatusCode, 404);
        return true;
      });
    } finally {
      lambda.destroy();
    }
  });

  test('functions survive a restart and run after it', async () => {
    const lambda = client();
    try {
      await lambda.send(
        new CreateFunctionCommand({ FunctionName: 'durable-fn', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipHandler({ 'index.js': HANDLER_V2 }) } }),
      );
    } finally {
      lambda.destroy();
    }
    assert.equal(await server.stop(), 0);
    server = await startServer({ dataDir: server.dataDir });
    cli = awsCli(server.url, dir);
    const after = client();
    try {
      const result = await after.send(new InvokeCommand({ FunctionName: 'durable-fn' }));
      assert.deepEqual(JSON.parse(Buffer.from(result.Payload!).toString('utf8')), { version: 2 });
    } finally {
      after.destroy();
    }
  });
});
