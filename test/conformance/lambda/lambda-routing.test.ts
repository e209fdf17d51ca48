import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withFunctions } from './function-fixture.js';

describe('Lambda rest-json routing', () => {
  test('accepts list paths with and without a trailing slash', () =>
    withFunctions(async (c) => {
      assert.equal((await c.call('GET', '/2015-03-31/functions')).status, 200);
      assert.equal((await c.call('GET', '/2015-03-31/functions/')).status, 200);
    }));

  test('answers UnknownOperationException for a path or method no operation has', () =>
    withFunctions(async (c) => {
      for (const [method, path] of [
        ['GET', '/2015-03-31/nothing'],
        ['PATCH', '/2015-03-31/functions/f'],
      ] as const) {
        const reply = await c.call(method, path);
        assert.deepEqual([reply.status, reply.headers['x-amzn-ErrorType'], reply.json], [404, 'UnknownOperationException', { Type: 'User', message: 'Unknown operation' }]);
      }
    }));

  test('answers operations of the model it does not implement with InvalidParameterValueException', () =>
    withFunctions(async (c) => {
      const reply = await c.call('GET', '/2015-03-31/functions/f/aliases');
      assert.deepEqual([reply.status, reply.json], [400, { Type: 'User', message: 'ListAliases is not supported by this Tributary server yet.' }]);
    }));
});
