import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServiceModel } from '../api/model/service-model.js';
import { RestRouteTable } from './rest-json-routes.js';

const model = parseServiceModel(
  'demo',
  JSON.stringify({
    metadata: { apiVersion: '2015-03-31', endpointPrefix: 'demo', protocol: 'rest-json', serviceId: 'Demo' },
    operations: {
      ListThings: { name: 'ListThings', http: { method: 'GET', requestUri: '/v1/things/' } },
      GetThing: { name: 'GetThing', http: { method: 'GET', requestUri: '/v1/things/{Name}' } },
      GetThingPart: { name: 'GetThingPart', http: { method: 'GET', requestUri: '/v1/things/{Name}/part' } },
      ListAll: { name: 'ListAll', http: { method: 'GET', requestUri: '/v1/things/{Name}/part?List=ALL' } },
      GetFile: { name: 'GetFile', http: { method: 'GET', requestUri: '/v1/files/{Key+}' } },
      PutThing: { name: 'PutThing', http: { method: 'PUT', requestUri: '/v1/things/{Name}' } },
    },
    shapes: {},
  }),
);
const table = new RestRouteTable(model);
const q = (text = ''): URLSearchParams => new URLSearchParams(text);

describe('RestRouteTable', () => {
  test('matches method and path, with or without a trailing slash', () => {
    assert.deepEqual(table.match('GET', '/v1/things', q()), { operation: 'ListThings', labels: {} });
    assert.deepEqual(table.match('GET', '/v1/things/', q()), { operation: 'ListThings', labels: {} });
    assert.deepEqual(table.match('PUT', '/v1/things/a', q()), { operation: 'PutThing', labels: { Name: 'a' } });
    assert.equal(table.match('DELETE', '/v1/things/a', q()), undefined);
  });

  test('decodes percent-encoded labels', () => {
    assert.deepEqual(table.match('GET', '/v1/things/arn%3Aaws%3Ax%3A1', q()), { operation: 'GetThing', labels: { Name: 'arn:aws:x:1' } });
    assert.equal(table.match('GET', '/v1/things/%E0%A4%A', q()), undefined);
  });

  test('prefers the route whose fixed query the request carries', () => {
    assert.equal(table.match('GET', '/v1/things/a/part', q('List=ALL'))?.operation, 'ListAll');
    assert.equal(table.match('GET', '/v1/things/a/part', q())?.operation, 'GetThingPart');
  });

  test('a greedy label takes the rest of the path', () => {
    assert.deepEqual(table.match('GET', '/v1/files/a/b%20c', q()), { operation: 'GetFile', labels: { Key: 'a/b c' } });
  });

  test('does not match empty labels or extra segments', () => {
    assert.equal(table.match('GET', '/v1/things/a/part/x', q()), undefined);
    assert.equal(table.match('GET', '/v1/other', q()), undefined);
  });

  test('knowsPath answers for any method', () => {
    assert.equal(table.knowsPath('/v1/things/a'), true);
    assert.equal(table.knowsPath('/v2/things'), false);
  });
});
