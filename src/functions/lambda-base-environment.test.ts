import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lambdaBaseEnvironment } from './lambda-base-environment.js';

test('sets the endpoint, region and placeholder credentials, and PATH when given', () => {
  assert.deepEqual(lambdaBaseEnvironment({ endpointUrl: 'http://127.0.0.1:4567', region: 'eu-west-1', path: '/usr/bin' }), {
    PATH: '/usr/bin',
    AWS_REGION: 'eu-west-1',
    AWS_DEFAULT_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_SESSION_TOKEN: 'test',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:4567',
  });
});

test('sets no AWS_ENDPOINT_URL while the URL is unknown, and no PATH when the host has none', () => {
  assert.deepEqual(lambdaBaseEnvironment({ endpointUrl: '', region: 'us-east-1' }), {
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_SESSION_TOKEN: 'test',
  });
});
