import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServiceModel } from '../api/model/service-model.js';
import { bindRestJsonInput } from './rest-json-request.js';

const model = parseServiceModel(
  'demo',
  JSON.stringify({
    metadata: { apiVersion: '2015-03-31', endpointPrefix: 'demo', protocol: 'rest-json', serviceId: 'Demo' },
    operations: {
      Put: { name: 'Put', http: { method: 'PUT', requestUri: '/p/{Name}' }, input: { shape: 'PutInput' } },
      Raw: { name: 'Raw', http: { method: 'POST', requestUri: '/r' }, input: { shape: 'RawInput' } },
    },
    shapes: {
      PutInput: {
        type: 'structure',
        members: {
          Name: { shape: 'S', location: 'uri', locationName: 'Name' },
          Max: { shape: 'I', location: 'querystring', locationName: 'MaxItems' },
          Ids: { shape: 'SL', location: 'querystring', locationName: 'id' },
          Flag: { shape: 'B', location: 'header', locationName: 'X-Flag' },
          Since: { shape: 'T', location: 'header', locationName: 'X-Since' },
          Meta: { shape: 'SM', location: 'headers', locationName: 'x-meta-' },
          Body: { shape: 'S' },
          Count: { shape: 'I' },
        },
      },
      RawInput: { type: 'structure', payload: 'Data', members: { Data: { shape: 'Blob' }, Kind: { shape: 'S', location: 'header', locationName: 'X-Kind' } } },
      S: { type: 'string' },
      I: { type: 'integer' },
      B: { type: 'boolean' },
      T: { type: 'timestamp' },
      Blob: { type: 'blob' },
      SL: { type: 'list', member: { shape: 'S' } },
      SM: { type: 'map', key: { shape: 'S' }, value: { shape: 'S' } },
    },
  }),
);

describe('bindRestJsonInput', () => {
  test('gathers members from labels, query, headers and the JSON body, converting scalars', () => {
    const input = bindRestJsonInput(model, 'Put', {
      labels: { Name: 'n' },
      query: new URLSearchParams('MaxItems=5&id=a&id=b'),
      headers: { 'x-flag': 'true', 'x-since': '2024-01-02T03:04:05Z', 'x-meta-color': 'red' },
      body: Buffer.from('{"Body":"text","Count":3,"Unknown":1}'),
    });
    assert.deepEqual(input, {
      Name: 'n',
      Max: 5,
      Ids: ['a', 'b'],
      Flag: true,
      Since: new Date('2024-01-02T03:04:05Z'),
      Meta: { color: 'red' },
      Body: 'text',
      Count: 3,
    });
  });

  test('leaves unparseable text for the validator to reject, and skips absent members', () => {
    const input = bindRestJsonInput(model, 'Put', { labels: { Name: 'n' }, query: new URLSearchParams('MaxItems=many'), headers: {}, body: Buffer.alloc(0) });
    assert.deepEqual(input, { Name: 'n', Max: 'many' });
  });

  test('a blob payload member is the raw body', () => {
    const body = Buffer.from('not json at all');
    assert.deepEqual(bindRestJsonInput(model, 'Raw', { labels: {}, query: new URLSearchParams(), headers: { 'x-kind': 'k' }, body }), { Data: body, Kind: 'k' });
    assert.deepEqual(bindRestJsonInput(model, 'Raw', { labels: {}, query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0) }), {});
  });

  test('throws SerializationException for a malformed or non-object JSON body', () => {
    for (const text of ['{"Body":', '[1]', '"x"']) {
      assert.throws(
        () => bindRestJsonInput(model, 'Put', { labels: {}, query: new URLSearchParams(), headers: {}, body: Buffer.from(text) }),
        { name: 'SerializationException' },
        text,
      );
    }
  });
});
