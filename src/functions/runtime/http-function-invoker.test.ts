import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { FunctionNotReadyError } from '../function-invoker.js';
import { createRuntimeFixture, type RuntimeFixture } from './runtime-test-fixture.js';

interface Seen {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

describe('functions of kind http', () => {
  let fx: RuntimeFixture;
  let server: Server;
  let url: string;
  const seen: Seen[] = [];
  let reply: (body: string, res: ServerResponse) => void = (_body, res) => res.end();

  before(async () => {
    fx = await createRuntimeFixture();
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        seen.push({ headers: req.headers, body });
        reply(body, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fn`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await fx.close();
  });

  const deploy = (name: string, overrides = {}) => fx.deploy(name, {}, { kind: 'http', codeDir: undefined, endpointUrl: url, ...overrides });

  test('the event is POSTed as JSON with the runtime headers and the response body is the result', async () => {
    reply = (body, res) => res.end(JSON.stringify({ got: JSON.parse(body) }));
    await deploy('echo');
    const clientContext = Buffer.from('{"custom":{"a":1}}').toString('base64');
    const before = Date.now();
    const result = await fx.runtime.invoke({ functionName: 'echo', payload: Buffer.from('{"x":1}'), requestId: 'r-http', clientContext, logTail: true });
    assert.equal(result.payload.toString(), '{"got":{"x":1}}');
    assert.equal(result.functionError, undefined);
    assert.equal(result.requestId, 'r-http');
    const { headers, body } = seen.at(-1)!;
    assert.equal(body, '{"x":1}');
    assert.equal(headers['content-type'], 'application/json');
    assert.equal(headers['lambda-runtime-aws-request-id'], 'r-http');
    assert.equal(headers['lambda-runtime-invoked-function-arn'], 'arn:aws:lambda:us-east-1:000000000000:function:echo');
    assert.equal(headers['lambda-runtime-client-context'], '{"custom":{"a":1}}');
    const deadline = Number(headers['lambda-runtime-deadline-ms']);
    assert.ok(deadline >= before + 3000 && deadline <= Date.now() + 3000);
    const log = Buffer.from(result.logResult ?? '', 'base64').toString('utf8');
    assert.match(log, /^START RequestId: r-http Version: \$LATEST\nEND RequestId: r-http\nREPORT RequestId: r-http\tDuration: \d+\.\d{2} ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\t\n$/);
  });

  test('an empty 2xx body is the result null', async () => {
    reply = (_body, res) => res.writeHead(204).end();
    await deploy('nothing');
    assert.equal((await fx.runtime.invoke({ functionName: 'nothing', payload: Buffer.from('{}') })).payload.toString(), 'null');
  });

  test('a non-2xx answer is a function error: Lambda-shaped bodies pass through, others are described', async () => {
    await deploy('failing');
    reply = (_body, res) => res.writeHead(500).end('{"errorType":"ValueError","errorMessage":"bad record","stackTrace":[]}');
    const shaped = await fx.runtime.invoke({ functionName: 'failing', payload: Buffer.from('{}') });
    assert.equal(shaped.functionError, 'Unhandled');
    assert.equal(shaped.payload.toString(), '{"errorType":"ValueError","errorMessage":"bad record","stackTrace":[]}');
    reply = (_body, res) => res.writeHead(503, 'Service Unavailable').end('try later');
    const plain = await fx.runtime.invoke({ functionName: 'failing', payload: Buffer.from('{}') });
    assert.equal(plain.functionError, 'Unhandled');
    assert.equal(plain.payload.toString(), '{"errorType":"HttpEndpointError","errorMessage":"Endpoint returned HTTP 503 Service Unavailable: try later","trace":[]}');
  });

  test('an endpoint slower than the timeout is Sandbox.Timedout', async () => {
    reply = (_body, res) => setTimeout(() => res.end('1'), 1000);
    await deploy('slow-http', { timeoutSeconds: 0.2 });
    const result = await fx.runtime.invoke({ functionName: 'slow-http', payload: Buffer.from('{}'), requestId: 'r-t' });
    assert.equal(result.functionError, 'Unhandled');
    assert.equal(result.payload.toString(), '{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: r-t Error: Task timed out after 0.20 seconds"}');
  });

  test('an unreachable endpoint means the function could not run: FunctionNotReadyError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await deploy('gone', { endpointUrl: `http://127.0.0.1:${port}/` });
    await assert.rejects(fx.runtime.invoke({ functionName: 'gone', payload: Buffer.from('{}') }), (err: unknown) => err instanceof FunctionNotReadyError && err.reason === `endpoint http://127.0.0.1:${port}/ unreachable (ECONNREFUSED)`);
  });
});
