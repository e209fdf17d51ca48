// HttpEndpointSink against a real local HTTP server: request format, response checks, retries' ids.

import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { ManualClock } from '../../engine/clock.js';
import type { SinkBatch } from '../sink.js';
import { HttpEndpointDeliveryError } from './http-endpoint-error.js';
import { HttpEndpointSink } from './http-endpoint-sink.js';
import { httpEndpointRequestId } from './http-endpoint-request-id.js';

const ARN = 'arn:aws:firehose:us-east-1:000000000000:deliverystream/s';

interface Seen {
  readonly headers: IncomingMessage['headers'];
  readonly raw: Buffer;
}
type Reply = (req: Seen, res: ServerResponse) => void;

const okReply: Reply = (req, res) => {
  const body = JSON.parse(bodyText(req)) as { requestId: string };
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ requestId: body.requestId, timestamp: 1 }));
};

function bodyText(req: Seen): string {
  return (req.headers['content-encoding'] === 'gzip' ? gunzipSync(req.raw) : req.raw).toString('utf8');
}

async function endpoint(replies: Reply[]): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const s = { headers: req.headers, raw: Buffer.concat(parts) };
      seen.push(s);
      (replies.shift() ?? okReply)(s, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  after(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ingest`, seen };
}

function batch(datas: string[], objectKey = 'k1'): SinkBatch {
  return {
    objectKey,
    body: Buffer.concat(datas.map((d) => Buffer.from(d))),
    records: datas.map((d, i) => ({ recordId: `s/${i}`, data: Buffer.from(d), approximateArrivalTimestamp: 5 })),
  };
}

async function rejection(p: Promise<unknown>): Promise<HttpEndpointDeliveryError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof HttpEndpointDeliveryError);
    return err;
  }
  assert.fail('expected a rejection');
}

describe('HttpEndpointSink', () => {
  test('sends the Firehose request format with access key and common attributes', async () => {
    const ep = await endpoint([]);
    const clock = new ManualClock(1_700_000_123_456);
    const sink = new HttpEndpointSink({ url: ep.url, sourceArn: ARN, clock, accessKey: 'secret-key', commonAttributes: { env: 'dev', team: 'a' } });
    await sink.deliver(batch(['hello', '', '{"a":1}']));
    await sink.close();
    assert.equal(ep.seen.length, 1);
    const h = ep.seen[0]!.headers;
    const id = httpEndpointRequestId(ARN, 'k1');
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(h['content-type'], 'application/json');
    assert.equal(h['content-encoding'], undefined);
    assert.equal(h['x-amz-firehose-protocol-version'], '1.0');
    assert.equal(h['x-amz-firehose-request-id'], id);
    assert.equal(h['x-amz-firehose-source-arn'], ARN);
    assert.equal(h['x-amz-firehose-access-key'], 'secret-key');
    assert.equal(h['x-amz-firehose-common-attributes'], '{"commonAttributes":{"env":"dev","team":"a"}}');
    assert.deepEqual(JSON.parse(bodyText(ep.seen[0]!)), {
      requestId: id,
      timestamp: 1_700_000_123_456,
      records: [{ data: 'aGVsbG8=' }, { data: '' }, { data: 'eyJhIjoxfQ==' }],
    });
  });

  test('GZIP content encoding compresses the body; no key or attributes means no headers', async () => {
    const ep = await endpoint([]);
    const sink = new HttpEndpointSink({ url: ep.url, sourceArn: ARN, clock: new ManualClock(7), contentEncoding: 'GZIP' });
    await sink.deliver(batch(['x']));
    await sink.close();
    const h = ep.seen[0]!.headers;
    assert.equal(h['content-encoding'], 'gzip');
    assert.equal(h['x-amz-firehose-access-key'], undefined);
    assert.equal(h['x-amz-firehose-common-attributes'], undefined);
    assert.deepEqual(JSON.parse(gunzipSync(ep.seen[0]!.raw).toString()), {
      requestId: httpEndpointRequestId(ARN, 'k1'),
      timestamp: 7,
      records: [{ data: 'eA==' }],
    });
  });

  test('a 500 rejects (retryable) and the retry carries the same request id', async () => {
    const fail500: Reply = (_req, res) => {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end('{"errorMessage":"db down"}');
    };
    const ep = await endpoint([fail500, fail500]);
    const sink = new HttpEndpointSink({ url: ep.url, sourceArn: ARN, clock: new ManualClock() });
    for (let i = 0; i < 2; i++) {
      const err = await rejection(sink.deliver(batch(['a'], 'same-key')));
      assert.equal(err.code, 'HttpEndpoint.DestinationException');
      assert.equal(err.status, 500);
      assert.equal(err.permanent, false);
      assert.equal(err.message, 'Received the following response from the endpoint destination. 500: db down');
    }
    await sink.deliver(batch(['a'], 'same-key'));
    await sink.close();
    const ids = ep.seen.map((s) => s.headers['x-amz-firehose-request-id']);
    assert.deepEqual(ids, [httpEndpointRequestId(ARN, 'same-key'), httpEndpointRequestId(ARN, 'same-key'), httpEndpointRequestId(ARN, 'same-key')]);
    assert.notEqual(httpEndpointRequestId(ARN, 'same-key'), httpEndpointRequestId(ARN, 'other-key'));
  });

  test('413 is a permanent failure; 3xx is not followed', async () => {
    const ep = await endpoint([
      (_q, res) => { res.writeHead(413); res.end(); },
      (_q, res) => { res.writeHead(302, { Location: '/elsewhere' }); res.end(); },
    ]);
    const sink = new HttpEndpointSink({ url: ep.url, sourceArn: ARN, clock: new ManualClock() });
    const e413 = await rejection(sink.deliver(batch(['a'])));
    assert.equal(e413.permanent, true);
    assert.equal(e413.status, 413);
    const e302 = await rejection(sink.deliver(batch(['a'])));
    assert.equal(e302.permanent, false);
    assert.equal(e302.status, 302);
    assert.equal(ep.seen.length, 2);
    await sink.close();
  });

  test('invalid answers: mismatched requestId, non-JSON, Content-Encoding', async () => {
    const ep = await endpoint([
      (_q, res) => { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end('{"requestId":"other","timestamp":1}'); },
      (_q, res) => { res.writeHead(200); res.end('ok'); },
      (q, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'identity' });
        res.end(JSON.stringify({ requestId: (JSON.parse(bodyText(q)) as { requestId: string }).requestId, timestamp: 1 }));
      },
    ]);
    const sink = new HttpEndpointSink({ url: ep.url, sourceArn: ARN, clock: new ManualClock() });
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) codes.push((await rejection(sink.deliver(batch(['a'])))).code);
    assert.deepEqual(codes, Array(3).fill('HttpEndpoint.InvalidResponseFromDestination'));
    await sink.close();
  });

  test('too-large answer, timeout and refused connection have their own codes', async () => {
    const ep = await endpoint([
      (_q, res) => { res.writeHead(200); res.end(Buffer.alloc(1024 * 1024 + 1, 0x20)); },
      () => { /* never answers */ },
    ]);
    // A generous timeout for the 1 MiB answer (a loaded machine must not turn it into a timeout), a short one for the silent endpoint.
    const patient = new HttpEndpointSink({ url: ep.url, sourceArn: ARN, clock: new ManualClock(), timeoutMs: 30_000 });
    assert.equal((await rejection(patient.deliver(batch(['a'])))).code, 'HttpEndpoint.ResponseTooLarge');
    await patient.close();
    const impatient = new HttpEndpointSink({ url: ep.url, sourceArn: ARN, clock: new ManualClock(), timeoutMs: 100 });
    assert.equal((await rejection(impatient.deliver(batch(['a'])))).code, 'HttpEndpoint.RequestTimeout');
    await impatient.close();
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const refused = new HttpEndpointSink({ url: `http://127.0.0.1:${port}/`, sourceArn: ARN, clock: new ManualClock() });
    assert.equal((await rejection(refused.deliver(batch(['a'])))).code, 'HttpEndpoint.ConnectionFailed');
    await refused.close();
  });

  test('fromSettings maps the destination settings', async () => {
    const ep = await endpoint([]);
    const sink = HttpEndpointSink.fromSettings(
      {
        kind: 'http-endpoint', url: ep.url, accessKey: 'k', contentEncoding: 'NONE', commonAttributes: { a: 'b' },
        retryDurationInSeconds: 300, s3BackupMode: 'FailedDataOnly', backup: { kind: 's3', bucket: 'b', prefix: '' },
      },
      { sourceArn: ARN, clock: new ManualClock(3) },
    );
    await sink.deliver(batch(['z']));
    await sink.close();
    const h = ep.seen[0]!.headers;
    assert.equal(h['x-amz-firehose-access-key'], 'k');
    assert.equal(h['x-amz-firehose-common-attributes'], '{"commonAttributes":{"a":"b"}}');
    assert.equal(h['content-encoding'], undefined);
    assert.deepEqual(JSON.parse(bodyText(ep.seen[0]!)), { requestId: httpEndpointRequestId(ARN, 'k1'), timestamp: 3, records: [{ data: 'eg==' }] });
  });

  test('more than 10,000 records go in requests of at most 10,000; empty batch sends nothing', async () => {
    const ep = await endpoint([]);
    const sink = new HttpEndpointSink({ url: ep.url, sourceArn: ARN, clock: new ManualClock() });
    await sink.deliver(batch([]));
    assert.equal(ep.seen.length, 0);
    await sink.deliver(batch(Array.from({ length: 10_001 }, (_, i) => String(i))));
    await sink.close();
    const bodies = ep.seen.map((s) => JSON.parse(bodyText(s)) as { requestId: string; records: { data: string }[] });
    assert.deepEqual(bodies.map((b) => b.records.length), [10_000, 1]);
    assert.deepEqual(bodies.map((b) => b.requestId), [httpEndpointRequestId(ARN, 'k1#0'), httpEndpointRequestId(ARN, 'k1#1')]);
    assert.equal(Buffer.from(bodies[1]!.records[0]!.data, 'base64').toString(), '10000');
  });
});
