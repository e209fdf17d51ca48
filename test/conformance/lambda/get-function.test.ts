import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { withFunctions } from './function-fixture.js';

describe('GetFunction', () => {
  test('returns the configuration (Active, LastUpdateStatus Successful), the code location and the tags', () =>
    withFunctions(async (c) => {
      const created = (await c.create('f')).json;
      // Tags through the registry: the model validator refuses every tag today (\p{L} compiled without the u flag).
      await c.functions.setTags('f', { team: 'data' });
      const reply = await c.call('GET', '/2015-03-31/functions/f');
      assert.equal(reply.status, 200);
      const { State, LastUpdateStatus, StateReason, StateReasonCode, ...rest } = reply.json.Configuration;
      assert.deepEqual([State, LastUpdateStatus, StateReason, StateReasonCode], ['Active', 'Successful', undefined, undefined]);
      const { State: _s, StateReason: _r, StateReasonCode: _c, ...createdRest } = created;
      assert.deepEqual(rest, createdRest);
      assert.deepEqual(reply.json.Code, { RepositoryType: 'S3', Location: pathToFileURL(c.functions.get('f')!.codeDir!).href });
      assert.deepEqual(reply.json.Tags, { team: 'data' });
    }));

  test('finds the function by ARN, partial ARN, URL-encoded ARN and $LATEST qualifier', () =>
    withFunctions(async (c) => {
      await c.create('f');
      for (const path of [
        '/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:f',
        '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af',
        '/2015-03-31/functions/000000000000%3Afunction%3Af',
        '/2015-03-31/functions/f%3A%24LATEST',
        '/2015-03-31/functions/f?Qualifier=%24LATEST',
      ]) {
        const reply = await c.call('GET', path);
        assert.equal(reply.status, 200, path);
        assert.equal(reply.json.Configuration.FunctionName, 'f', path);
      }
    }));

  test('returns ResourceNotFoundException with the unqualified ARN for a missing function', () =>
    withFunctions(async (c) => {
      const reply = await c.call('GET', '/2015-03-31/functions/doesnotexist');
      assert.equal(reply.status, 404);
      assert.equal(reply.headers['x-amzn-ErrorType'], 'ResourceNotFoundException');
      assert.deepEqual(reply.json, { Type: 'User', Message: 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:doesnotexist' });
    }));

  test('returns ResourceNotFoundException naming the qualifier for a version that does not exist', () =>
    withFunctions(async (c) => {
      await c.create('f');
      const reply = await c.call('GET', '/2015-03-31/functions/f', { query: { Qualifier: '7' } });
      assert.deepEqual([reply.status, reply.json.Message], [404, 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:f:7']);
    }));
});

describe('GetFunctionConfiguration', () => {
  test('returns the FunctionConfiguration alone', () =>
    withFunctions(async (c) => {
      await c.create('f');
      const get = await c.call('GET', '/2015-03-31/functions/f');
      const reply = await c.call('GET', '/2015-03-31/functions/f/configuration');
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.json, get.json.Configuration);
    }));

  test('returns ResourceNotFoundException for a missing function', () =>
    withFunctions(async (c) => {
      const reply = await c.call('GET', '/2015-03-31/functions/nope/configuration');
      assert.deepEqual([reply.status, reply.json.Message], [404, 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope']);
    }));
});
