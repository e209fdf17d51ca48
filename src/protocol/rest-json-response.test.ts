import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServiceModel } from '../api/model/service-model.js';
import { AwsError } from '../errors/aws-error.js';
import { LambdaError } from '../errors/lambda-errors.js';
import { restJsonErrorResponse } from './rest-json-error.js';
import { serializeRestJsonOutput } from './rest-json-response.js';

const model = parseServiceModel(
  'demo',
  JSON.stringify({
    metadata: { apiVersion: '2015-03-31', endpointPrefix: 'demo', protocol: 'rest-json', serviceId: 'Demo' },
    operations: {
      Run: { name: 'Run', http: { method: 'POST', requestUri: '/run' }, output: { shape: 'RunOutput' } },
      Get: { name: 'Get', http: { method: 'GET', requestUri: '/get' }, output: { shape: 'GetOutput' } },
      Drop: { name: 'Drop', http: { method: 'DELETE', requestUri: '/drop', responseCode: 204 } },
    },
    shapes: {
      RunOutput: {
        type: 'structure',
        payload: 'Payload',
        members: {
          StatusCode: { shape: 'I', location: 'statusCode' },
          Error: { shape: 'S', location: 'header', locationName: 'X-Error' },
          Payload: { shape: 'Blob' },
        },
      },
      GetOutput: { type: 'structure', members: { Name: { shape: 'S' }, When: { shape: 'T' }, Size: { shape: 'I' } } },
      S: { type: 'string' },
      I: { type: 'integer' },
      T: { type: 'timestamp' },
      Blob: { type: 'blob' },
    },
  }),
);

describe('serializeRestJsonOutput', () => {
  test('a statusCode member sets the status, header members become headers, a blob payload is the raw body', () => {
    const out = serializeRestJsonOutput(model, 'Run', { StatusCode: 200, Error: 'Unhandled', Payload: Buffer.from('{"x":1}') }, 200);
    assert.deepEqual(out, { status: 200, headers: { 'X-Error': 'Unhandled', 'Content-Type': 'application/json' }, body: Buffer.from('{"x":1}') });
  });

  test('no payload and no body members: empty body without Content-Type', () => {
    assert.deepEqual(serializeRestJsonOutput(model, 'Run', { StatusCode: 202 }, 200), { status: 202, headers: {}, body: Buffer.alloc(0) });
    assert.deepEqual(serializeRestJsonOutput(model, 'Drop', {}, 204), { status: 204, headers: {}, body: Buffer.alloc(0) });
  });

  test('body members are written as JSON (timestamps as epoch seconds)', () => {
    const out = serializeRestJsonOutput(model, 'Get', { Name: 'n', When: new Date(1_700_000_000_500), Size: 3 }, 200);
    assert.equal(out.status, 200);
    assert.deepEqual(JSON.parse(out.body.toString()), { Name: 'n', When: 1700000000.5, Size: 3 });
  });
});

describe('restJsonErrorResponse', () => {
  test('writes x-amzn-ErrorType and the Lambda body details', () => {
    const err = new LambdaError('TooManyRequestsException', 'Rate Exceeded.', 429, 'message', 'User', { Reason: 'R' }, { 'Retry-After': '1' });
    const out = restJsonErrorResponse(err);
    assert.deepEqual(out.headers, { 'Retry-After': '1', 'x-amzn-ErrorType': 'TooManyRequestsException', 'Content-Type': 'application/json' });
    assert.equal(out.status, 429);
    assert.deepEqual(JSON.parse(out.body.toString()), { Type: 'User', message: 'Rate Exceeded.', Reason: 'R' });
  });

  test('a plain AwsError carries only its message; one without a message has an empty body object', () => {
    assert.deepEqual(JSON.parse(restJsonErrorResponse(new AwsError('ValidationException', 'bad', 400)).body.toString()), { message: 'bad' });
    assert.deepEqual(JSON.parse(restJsonErrorResponse(new AwsError('InternalFailure', undefined, 500)).body.toString()), {});
  });
});
