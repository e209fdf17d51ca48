import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withFunctions } from './function-fixture.js';

describe('ListFunctions', () => {
  test('lists functions by name without their state fields', () =>
    withFunctions(async (c) => {
      await c.create('b');
      await c.create('a');
      const reply = await c.call('GET', '/2015-03-31/functions/');
      assert.equal(reply.status, 200);
      assert.deepEqual(
        reply.json.Functions.map((f: Record<string, unknown>) => f.FunctionName),
        ['a', 'b'],
      );
      const first = reply.json.Functions[0];
      assert.deepEqual([first.State, first.LastUpdateStatus, first.Version], [undefined, undefined, '$LATEST']);
      assert.equal(reply.json.NextMarker, undefined);
    }));

  test('pages with MaxItems and an opaque NextMarker', () =>
    withFunctions(async (c) => {
      for (const name of ['a', 'b', 'c']) await c.create(name);
      const first = await c.call('GET', '/2015-03-31/functions', { query: { MaxItems: '2' } });
      assert.deepEqual(first.json.Functions.map((f: { FunctionName: string }) => f.FunctionName), ['a', 'b']);
      assert.equal(typeof first.json.NextMarker, 'string');
      const second = await c.call('GET', '/2015-03-31/functions', { query: { MaxItems: '2', Marker: first.json.NextMarker } });
      assert.deepEqual(second.json.Functions.map((f: { FunctionName: string }) => f.FunctionName), ['c']);
      assert.equal(second.json.NextMarker, undefined);
    }));

  test('returns an empty list when there are no functions', () =>
    withFunctions(async (c) => {
      assert.deepEqual((await c.call('GET', '/2015-03-31/functions')).json, { Functions: [] });
    }));

  test('returns ValidationException for MaxItems out of range', () =>
    withFunctions(async (c) => {
      const reply = await c.call('GET', '/2015-03-31/functions', { query: { MaxItems: '0' } });
      assert.equal(reply.status, 400);
      assert.deepEqual(reply.json, {
        message: "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
      });
    }));
});
