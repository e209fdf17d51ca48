// A reply's `release` (pooled body memory handed back for reuse) runs only once the transport is
// done with the body: over HTTP/1.1 and HTTP/2, cleartext and TLS, with slow readers, and never
// for a response the client cut short. Released bodies are poisoned at once, so a release that
// came too early would show up as wrong bytes at the client.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Gateway } from './gateway.js';
import { startListener, type Listener } from './listener.js';
import type { GatewayRequest, Reply } from './reply.js';
import type { Router } from './router.js';
import { createRequestListener, type NodeResponse } from './serve-request.js';

/** Larger than loopback socket buffers and HTTP/2 windows, so every write completes late. */
const BODY_BYTES = 24 * 1024 * 1024;
const POISON = 0xee;

function expectedByte(i: number): number {
  return i % 251;
}

/** Answers every request with a fresh patterned body whose release poisons it and counts. */
class PoisoningRouter implements Router {
  released = 0;
  private readonly waiters: (() => void)[] = [];

  claims(): boolean {
    return true;
  }

  async handle(_request: GatewayRequest): Promise<Reply> {
    const body = Buffer.allocUnsafe(BODY_BYTES);
    for (let i = 0; i < BODY_BYTES; i++) body[i] = expectedByte(i);
    const release = (): void => {
      body.fill(POISON);
      this.released++;
      for (const wake of this.waiters.splice(0)) wake();
    };
    return { status: 200, headers: { 'Content-Type': 'application/octet-stream' }, body, release };
  }

  /** Resolves once `count` bodies have been released in all. */
  async releasedAtLeast(count: number): Promise<void> {
    while (this.released < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}

interface Harness {
  readonly listener: Listener;
  readonly router: PoisoningRouter;
  /** Resolves when the server side of the next response has closed or finished. */
  nextResponseDone(): Promise<void>;
}

async function startHarness(tls?: { cert: Buffer; key: Buffer }): Promise<Harness> {
  const logger = pino({ level: 'silent' });
  const router = new PoisoningRouter();
  const serve = createRequestListener({ gateway: new Gateway({ routers: [router], logger }), maxBodyBytes: 1024, logger });
  const pending: ((res: NodeResponse) => void)[] = [];
  const listener = await startListener({
    host: '127.0.0.1',
    port: 0,
    ...(tls === undefined ? {} : { tls }),
    logger,
    closeTimeoutMs: 2000,
    onRequest: (req, res) => {
      pending.shift()?.(res);
      serve(req, res);
    },
  });
  return {
    listener,
    router,
    nextResponseDone: () =>
      new Promise((resolve) => {
        pending.push((res) => {
          res.once('close', resolve);
          res.once('finish', resolve);
        });
      }),
  };
}

function assertPatterned(body: Buffer): void {
  assert.equal(body.length, BODY_BYTES);
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== expectedByte(i)) assert.fail(`byte ${i} is ${body[i]}, expected ${expectedByte(i)} (poisoned: ${body[i] === POISON})`);
  }
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One POST over HTTP/1.1; the reader stalls `stallMs` first, then reads everything. */
function getH1(url: string, stallMs: number, ca?: Buffer): Promise<Buffer> {
  const client = url.startsWith('https') ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: 'POST', agent: false, ...(ca ? { ca, ALPNProtocols: ['http/1.1'] } : {}) }, (res) => {
      res.pause();
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
      setTimeout(() => res.resume(), stallMs);
    });
    req.on('error', reject);
    req.end('{}');
  });
}

/** One POST over HTTP/2 (h2c, or h2 with `ca`); the reader stalls `stallMs` first. */
function getH2(url: string, stallMs: number, ca?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(url, ca ? { ca } : {});
    session.on('error', reject);
    const stream = session.request({ ':method': 'POST', ':path': '/' });
    stream.pause();
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      session.close();
      resolve(Buffer.concat(chunks));
    });
    stream.on('error', reject);
    stream.end('{}');
    setTimeout(() => stream.resume(), stallMs);
  });
}

/** Starts a POST, reads one chunk of the answer, then cuts the connection. */
function abortH1(url: string, ca?: Buffer): Promise<void> {
  const client = url.startsWith('https') ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: 'POST', agent: false, ...(ca ? { ca, ALPNProtocols: ['http/1.1'] } : {}) }, (res) => {
      res.once('data', () => {
        req.destroy();
        resolve();
      });
    });
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? undefined : reject(err)));
    req.end('{}');
  });
}

function abortH2(url: string, ca?: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(url, ca ? { ca } : {});
    session.on('error', () => {});
    const stream = session.request({ ':method': 'POST', ':path': '/' });
    stream.on('error', () => {});
    stream.once('data', () => {
      session.destroy();
      resolve();
    });
    stream.once('close', () => resolve());
    stream.on('response', () => undefined);
    stream.end('{}');
    session.once('error', reject);
  });
}

type Get = (url: string, stallMs: number, ca?: Buffer) => Promise<Buffer>;
type Abort = (url: string, ca?: Buffer) => Promise<void>;

const transports: readonly { name: string; tls: boolean; get: Get; abort: Abort }[] = [
  { name: 'HTTP/1.1', tls: false, get: getH1, abort: abortH1 },
  { name: 'h2c', tls: false, get: getH2, abort: abortH2 },
  { name: 'HTTP/1.1 over TLS', tls: true, get: getH1, abort: abortH1 },
  { name: 'h2 over TLS', tls: true, get: getH2, abort: abortH2 },
];

describe('pooled reply bodies', () => {
  let certDir = '';
  let cert: { cert: Buffer; key: Buffer };

  before(() => {
    certDir = mkdtempSync(join(tmpdir(), 'tributary-pooled-body-'));
    const keyFile = join(certDir, 'key.pem');
    const certFile = join(certDir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    cert = { cert: readFileSync(certFile), key: readFileSync(keyFile) };
  });
  after(() => rmSync(certDir, { recursive: true, force: true }));

  for (const transport of transports) {
    describe(transport.name, () => {
      let harness: Harness;
      before(async () => {
        harness = await startHarness(transport.tls ? cert : undefined);
      });
      after(() => harness.listener.close());
      const ca = (): Buffer | undefined => (transport.tls ? cert.cert : undefined);

      test('releases a body only after a stalled reader has received all of it', async () => {
        const before = harness.router.released;
        const done = harness.nextResponseDone();
        const body = await transport.get(harness.listener.url, 300, ca());
        assertPatterned(body);
        await done;
        await harness.router.releasedAtLeast(before + 1);
        assert.equal(harness.router.released, before + 1);
      });

      test('keeps concurrent bodies intact while each is released', async () => {
        const before = harness.router.released;
        const bodies = await Promise.all([0, 50, 150].map((stall) => transport.get(harness.listener.url, stall, ca())));
        for (const body of bodies) assertPatterned(body);
        await harness.router.releasedAtLeast(before + 3);
        assert.equal(harness.router.released, before + 3);
      });

      test('never releases the body of a response the client cut short', async () => {
        const before = harness.router.released;
        const done = harness.nextResponseDone();
        await transport.abort(harness.listener.url, ca());
        await done;
        await pause(100);
        assert.equal(harness.router.released, before);
        assertPatterned(await transport.get(harness.listener.url, 0, ca()));
        await harness.router.releasedAtLeast(before + 1);
      });
    });
  }
});
