// The one-port listener over real sockets: HTTP/1.1 and h2c on the same port, the 413 size cap,
// hostile clients, and a graceful close that lets in-flight requests finish.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import pino from 'pino';
import { ManualClock } from '../engine/clock.js';
import { FakeService } from './fake-service.test-support.js';
import { Gateway } from './gateway.js';
import { JsonRpcRouter } from './json-rpc-router.js';
import { startListener, type Listener } from './listener.js';
import { createRequestListener } from './serve-request.js';

const MAX_BODY = 1024;
const HEADERS = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Kinesis_20131202.ListStreams', authorization: 'AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=host, Signature=c', 'x-amz-date': '20240101T000000Z' };
const OK_BODY = '{"StreamNames":[],"HasMoreStreams":false}';

async function start(service = new FakeService()): Promise<Listener> {
  const logger = pino({ level: 'silent' });
  const router = new JsonRpcRouter({ services: [service], authMode: 'presence', accountId: '000000000000', region: 'us-east-1', clock: new ManualClock(), logger });
  const gateway = new Gateway({ routers: [router], logger });
  return startListener({ host: '127.0.0.1', port: 0, onRequest: createRequestListener({ gateway, maxBodyBytes: MAX_BODY, logger }), logger, closeTimeoutMs: 2000 });
}

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

function h1(port: number, body: string | Buffer, headers: Record<string, string> = HEADERS): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/', headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function h2(port: number, body: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`http://127.0.0.1:${port}`);
    session.on('error', reject);
    const stream = session.request({ ':method': 'POST', ':path': '/', ...HEADERS });
    let status = 0;
    let headers: http.IncomingHttpHeaders = {};
    let text = '';
    stream.on('response', (h) => {
      status = Number(h[':status']);
      headers = h;
    });
    stream.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    stream.on('end', () => {
      session.close();
      resolve({ status, headers, body: text });
    });
    stream.on('error', reject);
    stream.end(body);
  });
}

function raw(port: number, chunks: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        socket.write(chunk);
        await new Promise((r) => setTimeout(r, 5));
      }
    });
  });
}

describe('listener', async () => {
  const service = new FakeService();
  const listener = await start(service);
  after(() => listener.close());

  test('answers HTTP/1.1 with Content-Length, Date and a request id', async () => {
    const answer = await h1(listener.port, '{}');
    assert.equal(answer.status, 200);
    assert.equal(answer.body, OK_BODY);
    assert.equal(answer.headers['content-length'], String(OK_BODY.length));
    assert.equal(answer.headers['content-type'], 'application/x-amz-json-1.1');
    assert.ok(answer.headers.date);
    assert.match(String(answer.headers['x-amzn-requestid']), /^[0-9a-f-]{36}$/);
  });

  test('answers HTTP/2 with prior knowledge on the same port', async () => {
    const answer = await h2(listener.port, '{}');
    assert.equal(answer.status, 200);
    assert.equal(answer.body, OK_BODY);
    assert.equal(answer.headers['content-length'], String(OK_BODY.length));
    assert.match(String(answer.headers['x-amzn-requestid']), /^[0-9a-f-]{36}$/);
  });

  test('tells HTTP/1.1 from HTTP/2 when the first bytes arrive one at a time', async () => {
    const request = `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`;
    const text = await raw(listener.port, ['P', 'O', request.slice(2)]);
    assert.match(text, /^HTTP\/1\.1 400 Bad Request\r\n/);
    assert.match(text, /\{"__type":"UnknownOperationException"\}$/);
  });

  test('answers 413 without handling a body whose Content-Length is over the cap', async () => {
    const before = service.calls.length;
    const answer = await h1(listener.port, 'x'.repeat(MAX_BODY + 1));
    assert.equal(answer.status, 413);
    assert.equal(answer.body, '');
    assert.equal(answer.headers['content-length'], '0');
    assert.match(String(answer.headers['x-amzn-requestid']), /^[0-9a-f-]{36}$/);
    assert.equal(service.calls.length, before);
  });

  test('answers 413 to a chunked HTTP/1.1 body once it grows past the cap', async () => {
    const answer = await h1(listener.port, Buffer.alloc(MAX_BODY * 4, 'x'), { ...HEADERS, 'transfer-encoding': 'chunked' });
    assert.equal(answer.status, 413);
  });

  test('answers 413 over HTTP/2', async () => {
    const answer = await h2(listener.port, 'x'.repeat(MAX_BODY * 3));
    assert.equal(answer.status, 413);
    assert.equal(answer.body, '');
  });

  test('a body exactly at the cap is accepted', async () => {
    const answer = await h1(listener.port, `{"A":"${'x'.repeat(MAX_BODY - 8)}"}`);
    assert.equal(answer.status, 200);
  });

  test('survives garbage, a bad HTTP/2 preface and clients that vanish mid-body', async () => {
    assert.match(await raw(listener.port, ['\x00\x01\x02 garbage\r\n\r\n']), /^HTTP\/1\.1 400 Bad Request/);
    await raw(listener.port, ['PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'not a settings frame at all']);
    await new Promise<void>((resolve) => {
      const socket = net.connect(listener.port, '127.0.0.1', () => {
        socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789');
        setTimeout(() => socket.destroy(), 10);
        resolve();
      });
    });
    const answer = await h1(listener.port, '{}');
    assert.equal(answer.status, 200);
  });
});

describe('listener close', () => {
  test('lets in-flight HTTP/1.1 and HTTP/2 requests finish, then refuses connections', async () => {
    const service = new FakeService();
    let release = (): void => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    service.behaviour = async () => {
      started += 1;
      await released;
      return { Done: true };
    };
    const listener = await start(service);
    const pending = [h1(listener.port, '{}'), h2(listener.port, '{}')];
    while (started < 2) await new Promise((r) => setTimeout(r, 5));
    let closed = false;
    const closing = listener.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(closed, false);
    release();
    const answers = await Promise.all(pending);
    assert.deepEqual(answers.map((a) => [a.status, a.body]), [[200, '{"Done":true}'], [200, '{"Done":true}']]);
    await closing;
    await assert.rejects(h1(listener.port, '{}'), /ECONNREFUSED/);
  });
});
