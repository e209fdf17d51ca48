// The front-end checks of AWS's JSON-RPC endpoint, in AWS's order (as kinesalite recorded them
// against Kinesis), driven through the Gateway without sockets.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { decode as decodeCborValue } from 'cbor-x';
import pino from 'pino';
import { ManualClock } from '../engine/clock.js';
import { AwsError } from '../errors/aws-error.js';
import { FakeService } from './fake-service.test-support.js';
import { Gateway } from './gateway.js';
import { JsonRpcRouter } from './json-rpc-router.js';
import type { Reply } from './reply.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const JSON11 = 'application/x-amz-json-1.1';
const TARGET = 'Kinesis_20131202.ListStreams';
const SIGNED = { authorization: 'AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=host, Signature=c', 'x-amz-date': '20240101T000000Z' };

interface Setup {
  readonly service: FakeService;
  readonly gateway: Gateway;
  readonly logs: string[];
}

function setup(authMode: 'presence' | 'off' = 'presence'): Setup {
  const logs: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(line) });
  const service = new FakeService();
  const router = new JsonRpcRouter({ services: [service], authMode, accountId: '123456789012', region: 'eu-west-1', clock: new ManualClock(), logger });
  return { service, gateway: new Gateway({ routers: [router], logger }), logs };
}

function send(gateway: Gateway, init: { method?: string; url?: string; headers?: IncomingHttpHeaders; body?: string | Buffer }): Promise<Reply> {
  const body = typeof init.body === 'string' ? Buffer.from(init.body) : (init.body ?? Buffer.alloc(0));
  return gateway.handle({ requestId: '9b2c7a4e-0d1f-4c7a-9a4e-0d1f4c7a9a4e', method: init.method ?? 'POST', url: init.url ?? '/', headers: init.headers ?? {}, body });
}

function assertCommon(answer: Reply, contentType: string | undefined): void {
  assert.match(answer.headers['x-amzn-RequestId'] ?? '', UUID);
  assert.equal(Buffer.from(answer.headers['x-amz-id-2'] ?? '', 'base64').length, 72);
  assert.equal(answer.headers['Content-Type'], contentType);
}

function assertJson(answer: Reply, status: number, body: unknown, contentType = JSON11): void {
  assertCommon(answer, contentType);
  assert.equal(answer.status, status);
  assert.deepEqual(JSON.parse(answer.body.toString()), body);
}

function assertCbor(answer: Reply, status: number, body: unknown): void {
  assertCommon(answer, 'application/x-amz-cbor-1.1');
  assert.equal(answer.status, status);
  assert.deepEqual(decodeCborValue(answer.body), body);
}

function assertXml(answer: Reply, status: number, xml: string): void {
  assertCommon(answer, undefined);
  assert.equal(answer.status, status);
  assert.equal(answer.body.toString(), xml);
}

const ACCESS_DENIED_XML =
  '<AccessDeniedException>\n  <Message>Unable to determine service/operation name to be authorized</Message>\n</AccessDeniedException>\n';

describe('Gateway with the JSON-RPC router', () => {
  for (const method of ['GET', 'PUT', 'DELETE']) {
    test(`${method} gets AccessDeniedException as XML with 403`, async () => {
      assertXml(await send(setup().gateway, { method, headers: { 'x-amz-target': TARGET } }), 403, ACCESS_DENIED_XML);
    });
  }

  test('POST with no body and no content type gets a CBOR UnknownOperationException', async () => {
    assertCbor(await send(setup().gateway, {}), 400, { __type: 'UnknownOperationException' });
  });

  test('POST with no body and a known target but no content type gets a CBOR SerializationException', async () => {
    assertCbor(await send(setup().gateway, { headers: { 'x-amz-target': TARGET } }), 400, { __type: 'SerializationException' });
  });

  test('a body without content type and without target gets AccessDeniedException as XML', async () => {
    assertXml(await send(setup().gateway, { body: '{}' }), 403, ACCESS_DENIED_XML);
  });

  test('a body with an unsupported content type and a target gets UnknownOperationException as XML with 404', async () => {
    const headers = { 'x-amz-target': TARGET, 'content-type': 'application/x-amz-json-1.0' };
    assertXml(await send(setup().gateway, { headers, body: '{}' }), 404, '<UnknownOperationException/>\n');
  });

  test('JSON with no target and no body gets UnknownOperationException', async () => {
    assertJson(await send(setup().gateway, { headers: { 'content-type': JSON11 } }), 400, { __type: 'UnknownOperationException' });
  });

  test('JSON with a known target and no body gets SerializationException', async () => {
    const headers = { 'content-type': JSON11, 'x-amz-target': TARGET };
    assertJson(await send(setup().gateway, { headers }), 400, { __type: 'SerializationException' });
  });

  test('a body that is not JSON gets SerializationException', async () => {
    const headers = { 'content-type': JSON11, 'x-amz-target': TARGET };
    assertJson(await send(setup().gateway, { headers, body: 'hello' }), 400, { __type: 'SerializationException' });
  });

  test('a JSON body that is not an object gets SerializationException before the target is checked', async () => {
    const headers = { 'content-type': JSON11, 'x-amz-target': 'Kinesis_20131202.Nope' };
    assertJson(await send(setup().gateway, { headers, body: 'true' }), 400, { __type: 'SerializationException' });
  });

  for (const target of ['Whatever', 'Kinesis_20131202.', 'Kinesis_20131202.ListStream', 'Whatever.ListStreams']) {
    test(`target '${target}' gets UnknownOperationException before auth is checked`, async () => {
      const headers = { 'content-type': JSON11, 'x-amz-target': target };
      assertJson(await send(setup().gateway, { headers, body: '{}' }), 400, { __type: 'UnknownOperationException' });
    });
  }

  test('a request without credentials gets MissingAuthenticationTokenException', async () => {
    const headers = { 'content-type': `  ${JSON11}  ;whatever`, 'x-amz-target': TARGET };
    assertJson(await send(setup().gateway, { headers, body: '{}' }), 400, {
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
  });

  test('an incomplete Authorization header gets IncompleteSignatureException listing what is missing', async () => {
    const headers = { 'content-type': JSON11, 'x-amz-target': TARGET, authorization: 'AWS4- Signature=b, Credential=a', date: 'a' };
    assertJson(await send(setup().gateway, { headers, body: '{}' }), 400, {
      __type: 'IncompleteSignatureException',
      message: "Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4- Signature=b, Credential=a",
    });
  });

  test('an incomplete presigned query gets IncompleteSignatureException', async () => {
    const headers = { 'content-type': JSON11, 'x-amz-target': TARGET };
    const url = '/?X-Amz-Algorithm=a&X-Amz-Credential=b&X-Amz-Signature=c&X-Amz-Date=d';
    assertJson(await send(setup().gateway, { url, headers, body: '{}' }), 400, {
      __type: 'IncompleteSignatureException',
      message: "AWS query-string parameters must include 'X-Amz-SignedHeaders'. Re-examine the query-string parameters.",
    });
  });

  test('both an Authorization header and a presigned query get InvalidSignatureException', async () => {
    const headers = { 'content-type': JSON11, 'x-amz-target': TARGET, authorization: 'X' };
    assertJson(await send(setup().gateway, { url: '/?X-Amz-Algorithm', headers, body: '{}' }), 400, {
      __type: 'InvalidSignatureException',
      message: "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    });
  });

  test('a signed request reaches the service with the request context and its output comes back', async () => {
    const { gateway, service } = setup();
    const headers = { 'content-type': JSON11, 'x-amz-target': TARGET, ...SIGNED };
    const answer = await send(gateway, { headers, body: '{"Limit":3}' });
    assertJson(answer, 200, { StreamNames: [], HasMoreStreams: false });
    assert.equal(service.calls.length, 1);
    const [call] = service.calls;
    assert.equal(call?.operation, 'ListStreams');
    assert.deepEqual(call?.body, { Limit: 3 });
    assert.equal(call?.wire, 'json');
    assert.equal(call?.ctx.requestId, answer.headers['x-amzn-RequestId']);
    assert.equal(call?.ctx.accountId, '123456789012');
    assert.equal(call?.ctx.region, 'eu-west-1');
  });

  test('auth mode off lets an unsigned request through', async () => {
    const headers = { 'content-type': JSON11, 'x-amz-target': TARGET };
    assertJson(await send(setup('off').gateway, { headers, body: '{}' }), 200, { StreamNames: [], HasMoreStreams: false });
  });

  test('CBOR requests are decoded as CBOR and answered in CBOR', async () => {
    const { gateway, service } = setup();
    service.behaviour = async () => ({ Data: Buffer.from([1, 2, 3]) });
    const headers = { 'content-type': 'application/x-amz-cbor-1.1', 'x-amz-target': TARGET, ...SIGNED };
    const body = Buffer.from([0xa1, 0x64, 0x44, 0x61, 0x74, 0x61, 0x43, 1, 2, 3]); // {"Data": h'010203'}
    const answer = await send(gateway, { headers, body });
    assertCommon(answer, 'application/x-amz-cbor-1.1');
    assert.equal(answer.status, 200);
    assert.equal(service.calls[0]?.wire, 'cbor');
    assert.deepEqual(service.calls[0]?.body, { Data: Buffer.from([1, 2, 3]) });
    assert.deepEqual(Buffer.from(decodeCborValue(answer.body).Data as Uint8Array), Buffer.from([1, 2, 3]));
  });

  test('application/json is served as JSON and answered as application/json', async () => {
    const headers = { 'content-type': 'application/json', 'x-amz-target': TARGET, ...SIGNED };
    assertJson(await send(setup().gateway, { headers, body: '{}' }), 200, { StreamNames: [], HasMoreStreams: false }, 'application/json');
  });

  test('an AwsError from the service is answered with its status, type and message', async () => {
    const { gateway, service } = setup();
    service.behaviour = async () => {
      throw new AwsError('ResourceNotFoundException', 'Stream s under account 123456789012 not found.');
    };
    const headers = { 'content-type': JSON11, 'x-amz-target': TARGET, ...SIGNED };
    assertJson(await send(gateway, { headers, body: '{}' }), 400, {
      __type: 'ResourceNotFoundException',
      message: 'Stream s under account 123456789012 not found.',
    });
  });

  test('an unexpected error is logged with the request id and answered InternalFailure 500', async () => {
    const { gateway, service, logs } = setup();
    service.behaviour = async () => {
      throw new TypeError('boom');
    };
    const headers = { 'content-type': JSON11, 'x-amz-target': TARGET, ...SIGNED };
    const answer = await send(gateway, { headers, body: '{}' });
    assertJson(answer, 500, { __type: 'InternalFailure' });
    assert.equal(logs.length, 1);
    const entry = JSON.parse(logs[0]!) as { requestId: string; err: { message: string } };
    assert.equal(entry.requestId, answer.headers['x-amzn-RequestId']);
    assert.equal(entry.err.message, 'boom');
  });

  test('an OPTIONS preflight with Origin is answered 200 with CORS headers and no x-amz-id-2', async () => {
    const headers = { origin: 'https://app.example', 'access-control-request-headers': 'a, b', 'access-control-request-method': 'POST' };
    const answer = await send(setup().gateway, { method: 'OPTIONS', headers });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.length, 0);
    assert.match(answer.headers['x-amzn-RequestId'] ?? '', UUID);
    assert.deepEqual({ ...answer.headers, 'x-amzn-RequestId': 'id' }, {
      'x-amzn-RequestId': 'id',
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': 'a, b',
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Max-Age': '172800',
    });
  });

  test('a request with Origin gets CORS headers on its answer', async () => {
    const answer = await send(setup().gateway, { headers: { origin: 'whatever' } });
    assert.equal(answer.headers['Access-Control-Allow-Origin'], '*');
    assert.equal(
      answer.headers['Access-Control-Expose-Headers'],
      'x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date',
    );
    assertCbor(answer, 400, { __type: 'UnknownOperationException' });
  });
});
