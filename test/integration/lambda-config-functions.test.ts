// Functions registered from the config file (`functions:`): a local code directory used in place
// and an HTTP endpoint, invoked through the SDK against the real server process; removing an
// entry from the config deletes the function at the next start.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetFunctionCommand, InvokeCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { startServer, type ServerProcess } from '../helpers/server-process.js';

let dir: string;
let endpoint: Server;
let endpointUrl: string;
let server: ServerProcess | undefined;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tributary-it-cfgfn-'));
  await mkdir(join(dir, 'local'));
  await writeFile(join(dir, 'local', 'main.mjs'), 'export const run = async (event) => ({ local: event.n * 2, env: process.env.MODE });\n');
  endpoint = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { n: number };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ remote: event.n + 1 }));
    });
  });
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/fn`;
});

after(async () => {
  await server?.stop();
  await new Promise<void>((resolve) => endpoint.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

function client(url: string): LambdaClient {
  return new LambdaClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy-secret' }, maxAttempts: 1 });
}

async function invokeJson(lambda: LambdaClient, name: string, event: unknown): Promise<unknown> {
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(event)) }));
  assert.equal(out.FunctionError, undefined);
  return JSON.parse(Buffer.from(out.Payload!).toString('utf8'));
}

describe('functions from the config file', () => {
  test('a code directory and an HTTP endpoint are registered at start-up and run', async () => {
    const config = join(dir, 'tributary.yml');
    await writeFile(
      config,
      [
        'functions:',
        '  - name: local-fn',
        `    dir: ${join(dir, 'local')}`,
        '    handler: main.run',
        '    environment: { MODE: yaml }',
        '  - name: remote-fn',
        `    url: ${endpointUrl}`,
        '',
      ].join('\n'),
    );
    server = await startServer({ args: ['--config', config] });
    const lambda = client(server.url);
    try {
      assert.deepEqual(await invokeJson(lambda, 'local-fn', { n: 21 }), { local: 42, env: 'yaml' });
      assert.deepEqual(await invokeJson(lambda, 'remote-fn', { n: 1 }), { remote: 2 });
      const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'remote-fn' }));
      assert.deepEqual([got.Configuration?.State, got.Code?.Location], ['Active', endpointUrl]);
    } finally {
      lambda.destroy();
    }

    await writeFile(config, ['functions:', '  - name: remote-fn', `    url: ${endpointUrl}`, ''].join('\n'));
    assert.equal(await server.stop(), 0);
    server = await startServer({ dataDir: server.dataDir, args: ['--config', config] });
    const again = client(server.url);
    try {
      const list = await again.send(new ListFunctionsCommand({}));
      assert.deepEqual(list.Functions?.map((f) => f.FunctionName), ['remote-fn']);
    } finally {
      again.destroy();
    }
  });
});
