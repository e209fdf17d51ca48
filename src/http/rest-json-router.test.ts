import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import type { RestJsonRequest, RestJsonService } from '../api/rest-json-service.js';
import { ManualClock } from '../engine/clock.js';
import { functionNotFound, lambdaServiceException } from '../errors/lambda-errors.js';
import type { GatewayRequest } from './reply.js';
import { RestJsonRouter } from './rest-json-router.js';

const AUTH = 'AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc';

function router(behaviour: (request: RestJsonRequest) => Promise<{ status: number; headers: Record<string, string>; body: Buffer }>, authMode: 'presence' | 'off' = 'presence'): { router: RestJsonRouter; seen: RestJsonRequest[] } {
  const seen: RestJsonRequest[] = [];
  const service: RestJsonService = {
    signingName: 'lambda',
    knowsPath: (path) => path.startsWith('/2017-10-31/functions/'),
    invoke: (request) => {
      seen.push(request);
      return behaviour(request);
    },
  };
  return {
    seen,
    router: new RestJsonRouter({
      service,
      pathPrefixes: ['/2015-03-31/'],
      authMode,
      accountId: '000000000000',
      region: 'us-east-1',
      clock: new ManualClock(),
      logger: pino({ level: 'silent' }),
      internalError: lambdaServiceException,
    }),
  };
}

const request = (url: string, headers: Record<string, string> = { authorization: AUTH, 'x-amz-date': '20240101T000000Z' }): GatewayRequest => ({
  requestId: 'rid',
  method: 'GET',
  url,
  headers,
  body: Buffer.alloc(0),
});

describe('RestJsonRouter', () => {
  test('claims its path prefixes and any path the service knows, nothing else', () => {
    const { router: r } = router(async () => ({ status: 200, headers: {}, body: Buffer.alloc(0) }));
    assert.equal(r.claims(request('/2015-03-31/functions')), true);
    assert.equal(r.claims(request('/2017-10-31/functions/f/concurrency')), true);
    assert.equal(r.claims(request('/')), false);
    assert.equal(r.claims(request('/?Action=ListQueues')), false);
  });

  test('passes path and query separately and returns the service reply', async () => {
    const { router: r, seen } = router(async () => ({ status: 201, headers: { 'Content-Type': 'application/json' }, body: Buffer.from('{}') }));
    const reply = await r.handle(request('/2015-03-31/functions/f%3A1?Qualifier=x'));
    assert.deepEqual([reply.status, reply.body.toString()], [201, '{}']);
    assert.deepEqual([seen[0]!.path, seen[0]!.query.get('Qualifier'), seen[0]!.method], ['/2015-03-31/functions/f%3A1', 'x', 'GET']);
  });

  test('answers missing credentials with MissingAuthenticationTokenException unless auth is off', async () => {
    const { router: r, seen } = router(async () => ({ status: 200, headers: {}, body: Buffer.alloc(0) }));
    const reply = await r.handle(request('/2015-03-31/functions', {}));
    assert.equal(reply.status, 400);
    assert.equal(reply.headers['x-amzn-ErrorType'], 'MissingAuthenticationTokenException');
    assert.deepEqual(JSON.parse(reply.body.toString()), { message: 'Missing Authentication Token' });
    assert.equal(seen.length, 0);
    const { router: open } = router(async () => ({ status: 200, headers: {}, body: Buffer.alloc(0) }), 'off');
    assert.equal((await open.handle(request('/2015-03-31/functions', {}))).status, 200);
  });

  test('writes AWS errors the rest-json way and unexpected ones as ServiceException', async () => {
    const { router: notFound } = router(async () => {
      throw functionNotFound('arn:x');
    });
    const reply = await notFound.handle(request('/2015-03-31/functions/x'));
    assert.deepEqual([reply.status, reply.headers['x-amzn-ErrorType'], JSON.parse(reply.body.toString())], [404, 'ResourceNotFoundException', { Type: 'User', Message: 'Function not found: arn:x' }]);
    const { router: broken } = router(async () => {
      throw new TypeError('bug');
    });
    const failed = await broken.handle(request('/2015-03-31/functions/x'));
    assert.deepEqual([failed.status, JSON.parse(failed.body.toString())], [500, { Type: 'Service', Message: 'An internal error occurred.' }]);
  });
});
