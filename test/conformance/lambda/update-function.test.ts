import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withFunctions, zipOf } from './function-fixture.js';

describe('UpdateFunctionCode', () => {
  test('replaces the code, reports LastUpdateStatus InProgress, then Successful', () =>
    withFunctions(async (c) => {
      const before = (await c.create('f')).json;
      c.clock.advance(1000);
      const zip = zipOf({ 'index.js': 'exports.handler = async () => 2;' });
      const reply = await c.call('PUT', '/2015-03-31/functions/f/code', { body: { ZipFile: zip.toString('base64') } });
      assert.equal(reply.status, 200);
      const j = reply.json;
      assert.deepEqual(
        [j.CodeSha256, j.CodeSize, j.LastModified, j.State, j.LastUpdateStatus, j.LastUpdateStatusReason, j.LastUpdateStatusReasonCode],
        [createHash('sha256').update(zip).digest('base64'), zip.length, '2023-11-14T22:13:21.123+0000', 'Active', 'InProgress', 'The function is being created.', 'Creating'],
      );
      assert.notEqual(j.RevisionId, before.RevisionId);
      const revisions = await readdir(join(c.dataDir, 'functions', 'f'));
      assert.equal(revisions.length, 1);
      assert.equal(await readFile(join(c.functions.get('f')!.codeDir!, 'index.js'), 'utf8'), 'exports.handler = async () => 2;');
      const get = await c.call('GET', '/2015-03-31/functions/f/configuration');
      assert.equal(get.json.LastUpdateStatus, 'Successful');
    }));

  test('DryRun validates without changing the function', () =>
    withFunctions(async (c) => {
      const before = (await c.create('f')).json;
      const reply = await c.call('PUT', '/2015-03-31/functions/f/code', { body: { ZipFile: zipOf({ 'a.js': '' }).toString('base64'), DryRun: true } });
      assert.equal(reply.status, 200);
      assert.equal(reply.json.RevisionId, before.RevisionId);
      assert.equal(reply.json.CodeSha256, before.CodeSha256);
    }));

  test('returns PreconditionFailedException for a stale RevisionId', () =>
    withFunctions(async (c) => {
      await c.create('f');
      const reply = await c.call('PUT', '/2015-03-31/functions/f/code', { body: { ZipFile: zipOf({ 'a.js': '' }).toString('base64'), RevisionId: 'stale' } });
      assert.equal(reply.status, 412);
      assert.deepEqual(reply.json, {
        Type: 'User',
        message: 'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
      });
    }));

  test('returns errors for a bad zip and a missing function', () =>
    withFunctions(async (c) => {
      await c.create('f');
      const bad = await c.call('PUT', '/2015-03-31/functions/f/code', { body: { ZipFile: Buffer.from('nope').toString('base64') } });
      assert.deepEqual([bad.status, bad.json.message], [400, 'Could not unzip uploaded file. Please check your file, then try to upload again.']);
      const missing = await c.call('PUT', '/2015-03-31/functions/g/code', { body: { ZipFile: Buffer.from('nope').toString('base64') } });
      assert.deepEqual([missing.status, missing.json.Message], [404, 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:g']);
    }));
});

describe('UpdateFunctionConfiguration', () => {
  test('changes only the members given and keeps the code', () =>
    withFunctions(async (c) => {
      const before = (await c.create('f', { Environment: { Variables: { KEEP: 'x' } }, Description: 'old' })).json;
      const reply = await c.call('PUT', '/2015-03-31/functions/f/configuration', { body: { Timeout: 60, MemorySize: 512, Handler: 'main.run' } });
      assert.equal(reply.status, 200);
      const j = reply.json;
      assert.deepEqual(
        [j.Timeout, j.MemorySize, j.Handler, j.Description, j.Environment, j.CodeSha256, j.LastUpdateStatus],
        [60, 512, 'main.run', 'old', { Variables: { KEEP: 'x' } }, before.CodeSha256, 'InProgress'],
      );
      const def = c.functions.get('f')!;
      assert.deepEqual([def.timeoutSeconds, def.memoryMb, def.handler], [60, 512, 'main.run']);
      assert.notEqual(def.revisionId, before.RevisionId);
    }));

  test('replaces the environment and echoes new settings', () =>
    withFunctions(async (c) => {
      await c.create('f', { Environment: { Variables: { OLD: 'x' } } });
      const reply = await c.call('PUT', '/2015-03-31/functions/f/configuration', {
        body: { Environment: { Variables: { NEW: 'y' } }, TracingConfig: { Mode: 'Active' } },
      });
      assert.deepEqual([reply.json.Environment, reply.json.TracingConfig], [{ Variables: { NEW: 'y' } }, { Mode: 'Active' }]);
    }));

  test('returns errors for a bad runtime, a stale RevisionId and out-of-range values', () =>
    withFunctions(async (c) => {
      await c.create('f');
      const runtime = await c.call('PUT', '/2015-03-31/functions/f/configuration', { body: { Runtime: 'java21' } });
      assert.equal(runtime.headers['x-amzn-ErrorType'], 'InvalidParameterValueException');
      const stale = await c.call('PUT', '/2015-03-31/functions/f/configuration', { body: { Timeout: 5, RevisionId: 'x' } });
      assert.equal(stale.status, 412);
      const range = await c.call('PUT', '/2015-03-31/functions/f/configuration', { body: { Timeout: 5401 } });
      assert.deepEqual(range.json, {
        message: "1 validation error detected: Value '5401' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 5400",
      });
    }));
});
