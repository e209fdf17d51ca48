// LAMBDA-API.md §7.1–7.2: create-function (CLI, fileb:// zip) → Pending, the function-active-v2 waiter,
// get-function Active; invoke through the CLI and SDK v3: results, function errors, the log tail and
// "Function not found".
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateFunctionCommand, GetFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { ACCOUNT, EsmFixture, REGION, ROLE } from './support/esm-fixture.js';
import { handlerZip } from './support/esm-handler.js';
import { pollUntil } from './support/poll-until.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LAST_MODIFIED = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/;
const arnOf = (name: string): string => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

let fx: EsmFixture;

before(async () => {
  fx = await EsmFixture.start();
});

after(async () => {
  await fx?.close();
});

/** Polls GetFunction until the function is Active (the CLI waiter is exercised once, above; it is slow to start). */
async function waitActive(name: string): Promise<void> {
  await pollUntil(async () => (await fx.lambda.send(new GetFunctionCommand({ FunctionName: name }))).Configuration?.State === 'Active', `${name} Active`);
}

/** Writes a zip of `source` as index.mjs and returns its path and bytes. */
async function zipFile(name: string, source: string): Promise<{ path: string; bytes: Uint8Array }> {
  const bytes = handlerZip(source);
  const path = join(fx.dir, `${name}.zip`);
  await writeFile(path, bytes);
  return { path, bytes };
}

describe('functions through the AWS CLI', () => {
  test('create-function answers Pending with every default; the function-active-v2 waiter returns; get-function shows Active', async () => {
    const zip = await zipFile('ok-fn', 'export const handler = async () => ({ ok: true });\n');
    const created = await fx.cli.json(
      'lambda', 'create-function', '--function-name', 'ok-fn', '--runtime', 'nodejs20.x', '--role', ROLE,
      '--handler', 'index.handler', '--zip-file', `fileb://${zip.path}`,
    );
    assert.match(String(created!['LastModified']), LAST_MODIFIED);
    assert.match(String(created!['RevisionId']), UUID);
    assert.deepEqual({ ...created, LastModified: 'checked', RevisionId: 'checked' }, {
      FunctionName: 'ok-fn',
      FunctionArn: arnOf('ok-fn'),
      Runtime: 'nodejs20.x',
      Role: ROLE,
      Handler: 'index.handler',
      CodeSize: zip.bytes.length,
      CodeSha256: createHash('sha256').update(zip.bytes).digest('base64'),
      Description: '',
      Timeout: 3,
      MemorySize: 128,
      LastModified: 'checked',
      Version: '$LATEST',
      RevisionId: 'checked',
      Environment: { Variables: {} },
      TracingConfig: { Mode: 'PassThrough' },
      PackageType: 'Zip',
      Architectures: ['x86_64'],
      EphemeralStorage: { Size: 512 },
      SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
      // LoggingConfig is not in CLI 2.9.19's model (the CLI drops it); the SDK test checks it.
      State: 'Pending',
      StateReason: 'The function is being created.',
      StateReasonCode: 'Creating',
    });

    assert.equal(await fx.cli.json('lambda', 'wait', 'function-active-v2', '--function-name', 'ok-fn'), undefined);
    const got = await fx.cli.json('lambda', 'get-function', '--function-name', 'ok-fn');
    const configuration = got!['Configuration'] as Record<string, unknown>;
    assert.equal(configuration['State'], 'Active');
    assert.equal(configuration['LastUpdateStatus'], 'Successful');
    assert.equal(configuration['CodeSha256'], created!['CodeSha256']);
    assert.equal((got!['Code'] as Record<string, unknown>)['RepositoryType'], 'S3');
  });

  test('invoke writes the result to the out file with StatusCode 200 and ExecutedVersion $LATEST', async () => {
    const out = join(fx.dir, 'ok-out.json');
    const printed = await fx.cli.json('lambda', 'invoke', '--function-name', 'ok-fn', '--cli-binary-format', 'raw-in-base64-out', '--payload', '{"a":1}', out);
    assert.deepEqual(printed, { StatusCode: 200, ExecutedVersion: '$LATEST' });
    assert.equal(await readFile(out, 'utf8'), '{"ok":true}');
  });

  test('a throwing handler: FunctionError Unhandled and the Node error payload', async () => {
    const zip = await zipFile('boom-fn', "export const handler = async () => { throw new Error('boom'); };\n");
    await fx.cli.json('lambda', 'create-function', '--function-name', 'boom-fn', '--runtime', 'nodejs20.x', '--role', ROLE, '--handler', 'index.handler', '--zip-file', `fileb://${zip.path}`);
    await waitActive('boom-fn');
    const out = join(fx.dir, 'boom-out.json');
    const printed = await fx.cli.json('lambda', 'invoke', '--function-name', 'boom-fn', out);
    assert.deepEqual(printed, { StatusCode: 200, FunctionError: 'Unhandled', ExecutedVersion: '$LATEST' });
    const payload = JSON.parse(await readFile(out, 'utf8')) as { errorType: string; errorMessage: string; trace: string[] };
    assert.deepEqual(Object.keys(payload), ['errorType', 'errorMessage', 'trace']);
    assert.equal(payload.errorType, 'Error');
    assert.equal(payload.errorMessage, 'boom');
    assert.equal(payload.trace[0], 'Error: boom');
    assert.ok(payload.trace.length > 1 && payload.trace.slice(1).every((line) => line.startsWith('    at ')));
  });

  test('invoking a missing function: ResourceNotFoundException "Function not found: <arn>"', async () => {
    const line = await fx.cli.error('lambda', 'invoke', '--function-name', 'nope', join(fx.dir, 'nope.json'));
    assert.equal(line, `An error occurred (ResourceNotFoundException) when calling the Invoke operation: Function not found: ${arnOf('nope')}`);
  });
});

describe('functions through the SDK v3', () => {
  test('CreateFunction answers 201; Invoke passes the event and context, returns the result and the log tail', async () => {
    const source = `export const handler = async (event, context) => {
  console.log('seen', JSON.stringify(event));
  return { event, name: context.functionName, version: context.functionVersion, arn: context.invokedFunctionArn, memory: String(context.memoryLimitInMB), env: process.env.GREETING };
};\n`;
    const created = await fx.lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'echo-fn', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler',
        Code: { ZipFile: handlerZip(source) }, Environment: { Variables: { GREETING: 'hi' } },
      }),
    );
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.equal(created.State, 'Pending');
    assert.deepEqual(created.LoggingConfig, { LogFormat: 'Text', LogGroup: '/aws/lambda/echo-fn' });
    assert.deepEqual(created.Environment, { Variables: { GREETING: 'hi' } });
    await waitActive('echo-fn');

    const result = await fx.lambda.send(new InvokeCommand({ FunctionName: 'echo-fn', Payload: Buffer.from('{"x":[1,2]}'), LogType: 'Tail' }));
    assert.equal(result.StatusCode, 200);
    assert.equal(result.FunctionError, undefined);
    assert.equal(result.ExecutedVersion, '$LATEST');
    assert.deepEqual(JSON.parse(Buffer.from(result.Payload!).toString('utf8')), {
      event: { x: [1, 2] }, name: 'echo-fn', version: '$LATEST', arn: arnOf('echo-fn'), memory: '128', env: 'hi',
    });
    assert.match(Buffer.from(result.LogResult!, 'base64').toString('utf8'), /seen \{"x":\[1,2\]\}/);
  });
});
