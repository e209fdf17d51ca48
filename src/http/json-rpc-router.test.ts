// The JSON-RPC router's memory reuse: large answers are encoded into its OutputBufferPool and
// handed back by the reply's release; memory an output borrows is released once it is encoded.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { releaseAfterEncoding } from '../api/output-release.js';
import { ManualClock } from '../engine/clock.js';
import { OutputBufferPool } from '../protocol/output-buffer-pool.js';
import { FakeService } from './fake-service.test-support.js';
import { JsonRpcRouter } from './json-rpc-router.js';
import type { Reply } from './reply.js';

const HEADERS = {
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': 'Kinesis_20131202.ListStreams',
  authorization: 'AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=host, Signature=c',
  'x-amz-date': '20240101T000000Z',
};
const MiB = 1024 * 1024;

function setup(): { service: FakeService; pool: OutputBufferPool; router: JsonRpcRouter } {
  const service = new FakeService();
  const pool = new OutputBufferPool();
  const router = new JsonRpcRouter({ services: [service], authMode: 'presence', accountId: '123456789012', region: 'eu-west-1', clock: new ManualClock(), logger: pino({ level: 'silent' }), outputPool: pool });
  return { service, pool, router };
}

function ask(router: JsonRpcRouter): Promise<Reply> {
  return router.handle({ requestId: 'r', method: 'POST', url: '/', headers: HEADERS, body: Buffer.from('{}') });
}

describe('JsonRpcRouter output memory', () => {
  test('a large answer is pool memory that its release hands back', async () => {
    const { service, pool, router } = setup();
    const data = Buffer.alloc(2 * MiB, 3);
    service.behaviour = async () => ({ Records: [{ Data: data }] });
    const answer = await ask(router);
    assert.equal(answer.body.toString(), JSON.stringify({ Records: [{ Data: data.toString('base64') }] }));
    assert.equal(pool.freeBytes, 0);
    answer.release!();
    assert.ok(pool.freeBytes >= answer.body.length);
  });

  test('memory an output borrows is released once, after it has been encoded', async () => {
    const { service, router } = setup();
    const borrowed = Buffer.from('borrowed');
    let releases = 0;
    service.behaviour = async () => {
      const output = { Data: borrowed };
      releaseAfterEncoding(output, () => {
        releases++;
        borrowed.fill(0);
      });
      return output;
    };
    const answer = await ask(router);
    assert.equal(releases, 1);
    assert.equal(answer.body.toString(), JSON.stringify({ Data: Buffer.from('borrowed').toString('base64') }));
  });
});
