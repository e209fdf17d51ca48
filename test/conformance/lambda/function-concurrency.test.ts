import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withFunctions } from './function-fixture.js';

describe('Put/Get/DeleteFunctionConcurrency', () => {
  test('reserved concurrency sizes the pool, shows in GetFunction, and is removed again', () =>
    withFunctions(async (c) => {
      await c.create('f');
      assert.deepEqual((await c.call('GET', '/2019-09-30/functions/f/concurrency')).json, {});
      const put = await c.call('PUT', '/2017-10-31/functions/f/concurrency', { body: { ReservedConcurrentExecutions: 3 } });
      assert.deepEqual([put.status, put.json], [200, { ReservedConcurrentExecutions: 3 }]);
      assert.equal(c.functions.get('f')!.concurrency, 3);
      assert.deepEqual((await c.call('GET', '/2019-09-30/functions/f/concurrency')).json, { ReservedConcurrentExecutions: 3 });
      assert.deepEqual((await c.call('GET', '/2015-03-31/functions/f')).json.Concurrency, { ReservedConcurrentExecutions: 3 });
      const del = await c.call('DELETE', '/2017-10-31/functions/f/concurrency');
      assert.deepEqual([del.status, del.body.length], [204, 0]);
      assert.equal(c.functions.get('f')!.concurrency, 10);
      assert.equal((await c.call('GET', '/2015-03-31/functions/f')).json.Concurrency, undefined);
    }));

  test('0 is allowed (the function is throttled); negative values and missing functions are errors', () =>
    withFunctions(async (c) => {
      await c.create('f');
      assert.equal((await c.call('PUT', '/2017-10-31/functions/f/concurrency', { body: { ReservedConcurrentExecutions: 0 } })).status, 200);
      assert.equal(c.functions.get('f')!.concurrency, 0);
      const negative = await c.call('PUT', '/2017-10-31/functions/f/concurrency', { body: { ReservedConcurrentExecutions: -1 } });
      assert.deepEqual(negative.json, {
        message: "1 validation error detected: Value '-1' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0",
      });
      const missing = await c.call('PUT', '/2017-10-31/functions/g/concurrency', { body: { ReservedConcurrentExecutions: 1 } });
      assert.deepEqual([missing.status, missing.json.Message], [404, 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:g']);
    }));
});
