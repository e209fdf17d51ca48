// The real server process answers on one port over HTTP/1.1, h2c (prior knowledge) and TLS, gives
// AWS's exact front-end errors, refuses over-large bodies with 413, and exits 0 on SIGTERM/SIGINT.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type ServerProcess } from '../helpers/server-process.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const JSON11 = 'application/x-amz-json-1.1';
const SIGNED = { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc', 'x-amz-date': '20240101T000000Z' };
const LIST_STREAMS = { 'content-type': JSON11, 'x-amz-target': 'Kinesis_20131202.ListStreams' };
const MAX_BODY = 16 * 1024 * 1024;

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

function h1(url: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'POST', headers: init.headers ?? {}, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

function h2(url: string, init: { headers?: Record<string, string>; body?: string | Buffer }, connectOptions: http2.SecureClientSessionOptions = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(url, connectOptions);
    session.on('error', reject);
    const stream = session.request({ ':method': 'POST', ':path': '/', ...init.headers });
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
    stream.end(init.body);
  });
}

function assertAwsHeaders(answer: Answer, contentType: string | undefined): void {
  assert.match(String(answer.headers['x-amzn-requestid']), UUID);
  assert.equal(Buffer.from(String(answer.headers['x-amz-id-2']), 'base64').length, 72);
  assert.equal(answer.headers['content-type'], contentType);
  assert.equal(answer.headers['content-length'], String(Buffer.byteLength(answer.body)));
  assert.ok(answer.headers.date);
}

describe('HTTP front end of the server process', () => {
  let server: ServerProcess;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  test('ListStreams answers over HTTP/1.1', async () => {
    const answer = await h1(server.url, { headers: { ...LIST_STREAMS, ...SIGNED }, body: '{}' });
    assert.equal(answer.status, 200);
    assertAwsHeaders(answer, JSON11);
    assert.deepEqual((JSON.parse(answer.body) as { StreamNames: unknown }).StreamNames, []);
  });

  test('ListStreams answers over HTTP/2 with prior knowledge on the same port', async () => {
    const answer = await h2(server.url, { headers: { ...LIST_STREAMS, ...SIGNED }, body: '{}' });
    assert.equal(answer.status, 200);
    assertAwsHeaders(answer, JSON11);
    assert.deepEqual((JSON.parse(answer.body) as { StreamNames: unknown }).StreamNames, []);
  });

  test('an unknown operation gets UnknownOperationException', async () => {
    const headers = { ...LIST_STREAMS, 'x-amz-target': 'Kinesis_20131202.ListStream', ...SIGNED };
    const answer = await h1(server.url, { headers, body: '{}' });
    assert.equal(answer.status, 400);
    assertAwsHeaders(answer, JSON11);
    assert.equal(answer.body, '{"__type":"UnknownOperationException"}');
  });

  test('GET gets AccessDeniedException as XML with 403', async () => {
    const answer = await h1(server.url, { method: 'GET', headers: SIGNED });
    assert.equal(answer.status, 403);
    assertAwsHeaders(answer, undefined);
    assert.equal(
      answer.body,
      '<AccessDeniedException>\n  <Message>Unable to determine service/operation name to be authorized</Message>\n</AccessDeniedException>\n',
    );
  });

  test('a body without Content-Type gets UnknownOperationException as XML with 404', async () => {
    const answer = await h1(server.url, { headers: { 'x-amz-target': 'Kinesis_20131202.ListStreams', ...SIGNED }, body: '{}' });
    assert.equal(answer.status, 404);
    assertAwsHeaders(answer, undefined);
    assert.equal(answer.body, '<UnknownOperationException/>\n');
  });

  test('a request without credentials gets MissingAuthenticationTokenException', async () => {
    const answer = await h1(server.url, { headers: LIST_STREAMS, body: '{}' });
    assert.equal(answer.status, 400);
    assertAwsHeaders(answer, JSON11);
    assert.equal(answer.body, '{"__type":"MissingAuthenticationTokenException","message":"Missing Authentication Token"}');
  });

  test('an Authorization header missing parts gets IncompleteSignatureException', async () => {
    const answer = await h1(server.url, { headers: { ...LIST_STREAMS, authorization: 'X' }, body: '{}' });
    assert.equal(answer.status, 400);
    assert.deepEqual(JSON.parse(answer.body), {
      __type: 'IncompleteSignatureException',
      message:
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
        "Authorization header requires 'SignedHeaders' parameter. " +
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=X",
    });
  });

  test('a body one byte over 16 MiB gets 413 over HTTP/1.1 and HTTP/2, and the server stays up', async () => {
    const body = Buffer.alloc(MAX_BODY + 1, 'a');
    const one = await h1(server.url, { headers: { ...LIST_STREAMS, ...SIGNED }, body });
    assert.equal(one.status, 413);
    assert.equal(one.body, '');
    assert.match(String(one.headers['x-amzn-requestid']), UUID);
    const two = await h2(server.url, { headers: { ...LIST_STREAMS, ...SIGNED }, body });
    assert.equal(two.status, 413);
    assert.equal(two.body, '');
    const after = await h1(server.url, { headers: { ...LIST_STREAMS, ...SIGNED }, body: '{}' });
    assert.equal(after.status, 200);
  });
});

describe('server process lifecycle', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`${signal} shuts the server down with exit code 0`, async () => {
      const server = await startServer();
      const answer = await h1(server.url, { headers: { ...LIST_STREAMS, ...SIGNED }, body: '{}' });
      assert.equal(answer.status, 200);
      assert.equal(await server.stop(signal), 0);
      assert.match(server.stderr(), /"msg":"closed"/);
    });
  }

  test('serves HTTPS with h2 and HTTP/1.1 chosen by ALPN when given a certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-tls-'));
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    const server = await startServer({ args: ['--tls-cert-file', cert, '--tls-key-file', key] });
    try {
      assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const viaH2 = await h2(server.url, { headers: { ...LIST_STREAMS, ...SIGNED }, body: '{}' }, { rejectUnauthorized: false });
      assert.equal(viaH2.status, 200);
      const viaH1 = await new Promise<number>((resolve, reject) => {
        const req = https.request(server.url, { method: 'POST', headers: { ...LIST_STREAMS, ...SIGNED }, rejectUnauthorized: false, agent: false }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end('{}');
      });
      assert.equal(viaH1, 200);
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });
});
