import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { withFunctions } from './function-fixture.js';

describe('DeleteFunction', () => {
  test('answers 204 with an empty body, removes the code, and later reads get 404', () =>
    withFunctions(async (c) => {
      await c.create('f');
      const reply = await c.call('DELETE', '/2015-03-31/functions/f');
      assert.deepEqual([reply.status, reply.body.length], [204, 0]);
      assert.deepEqual(await readdir(c.dataDir), ['functions']);
      assert.deepEqual(await readdir(`${c.dataDir}/functions`), []);
      assert.equal((await c.call('GET', '/2015-03-31/functions/f')).status, 404);
      assert.equal((await c.create('f')).status, 201);
    }));

  test('returns ResourceNotFoundException for a missing function', () =>
    withFunctions(async (c) => {
      const reply = await c.call('DELETE', '/2015-03-31/functions/nope');
      assert.deepEqual([reply.status, reply.json], [404, { Type: 'User', Message: 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope' }]);
    }));

  test('refuses to delete $LATEST alone', () =>
    withFunctions(async (c) => {
      await c.create('f');
      const reply = await c.call('DELETE', '/2015-03-31/functions/f', { query: { Qualifier: '$LATEST' } });
      assert.deepEqual([reply.status, reply.json], [400, { Type: 'User', message: '$LATEST version cannot be deleted without deleting the function.' }]);
    }));
});
