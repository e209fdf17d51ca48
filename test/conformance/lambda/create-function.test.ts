import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HANDLER_ZIP, NOW_TEXT, ROLE, withFunctions, zipOf } from './function-fixture.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('CreateFunction', () => {
  test('answers 201 with the configuration AWS shows for a new function (State Pending)', () =>
    withFunctions(async (c) => {
      const reply = await c.create('f');
      assert.equal(reply.status, 201);
      assert.equal(reply.headers['Content-Type'], 'application/json');
      const { RevisionId, ...rest } = reply.json;
      assert.match(RevisionId, UUID);
      assert.deepEqual(rest, {
        FunctionName: 'f',
        FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:f',
        Runtime: 'nodejs20.x',
        Role: ROLE,
        Handler: 'index.handler',
        CodeSize: HANDLER_ZIP.length,
        Description: '',
        Timeout: 3,
        MemorySize: 128,
        LastModified: NOW_TEXT,
        CodeSha256: createHash('sha256').update(HANDLER_ZIP).digest('base64'),
        Version: '$LATEST',
        Environment: { Variables: {} },
        TracingConfig: { Mode: 'PassThrough' },
        PackageType: 'Zip',
        Architectures: ['x86_64'],
        EphemeralStorage: { Size: 512 },
        SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
        LoggingConfig: { LogFormat: 'Text', LogGroup: '/aws/lambda/f' },
        State: 'Pending',
        StateReason: 'The function is being created.',
        StateReasonCode: 'Creating',
      });
    }));

  test('unpacks the zip under <dataDir>/functions/<name>/<revision>/', () =>
    withFunctions(async (c) => {
      await c.create('f', { Code: { ZipFile: zipOf({ 'index.js': 'A', 'lib/util.js': 'B' }).toString('base64') } });
      const revisions = await readdir(join(c.dataDir, 'functions', 'f'));
      assert.equal(revisions.length, 1);
      const dir = join(c.dataDir, 'functions', 'f', revisions[0]!);
      assert.equal(c.functions.get('f')?.codeDir, dir);
      assert.equal(await readFile(join(dir, 'index.js'), 'utf8'), 'A');
      assert.equal(await readFile(join(dir, 'lib', 'util.js'), 'utf8'), 'B');
      assert.equal(c.functions.get('f')?.state, 'Active');
    }));

  test('echoes the settings it was given', () =>
    withFunctions(async (c) => {
      const reply = await c.create('f', {
        Description: 'd',
        Timeout: 30,
        MemorySize: 256,
        Environment: { Variables: { AB: '1' } },
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        EphemeralStorage: { Size: 1024 },
      });
      assert.equal(reply.status, 201);
      const j = reply.json;
      assert.deepEqual(
        [j.Description, j.Timeout, j.MemorySize, j.Environment, j.Architectures, j.TracingConfig, j.EphemeralStorage],
        ['d', 30, 256, { Variables: { AB: '1' } }, ['arm64'], { Mode: 'Active' }, { Size: 1024 }],
      );
      const def = c.functions.get('f')!;
      assert.deepEqual([def.timeoutSeconds, def.memoryMb, def.environment, def.concurrency], [30, 256, { AB: '1' }, 10]);
    }));

  test('accepts the ARN forms of FunctionName', () =>
    withFunctions(async (c) => {
      assert.equal((await c.create('arn:aws:lambda:us-east-1:000000000000:function:a')).json.FunctionName, 'a');
      assert.equal((await c.create('000000000000:function:b')).json.FunctionName, 'b');
    }));

  test('returns ResourceConflictException for a name in use', () =>
    withFunctions(async (c) => {
      await c.create('f');
      const reply = await c.create('f');
      assert.equal(reply.status, 409);
      assert.equal(reply.headers['x-amzn-ErrorType'], 'ResourceConflictException');
      assert.deepEqual(reply.json, { Type: 'User', message: 'Function already exist: f' });
    }));

  test('returns InvalidParameterValueException for a file that is not a zip', () =>
    withFunctions(async (c) => {
      const reply = await c.create('f', { Code: { ZipFile: Buffer.from('not a zip').toString('base64') } });
      assert.equal(reply.status, 400);
      assert.equal(reply.headers['x-amzn-ErrorType'], 'InvalidParameterValueException');
      assert.deepEqual(reply.json, {
        Type: 'User',
        message: 'Could not unzip uploaded file. Please check your file, then try to upload again.',
      });
      assert.equal(c.functions.find('f'), undefined);
    }));

  test('refuses a zip whose entries escape the code directory', () =>
    withFunctions(async (c) => {
      const reply = await c.create('f', { Code: { ZipFile: zipOf({ '../evil.js': 'x' }).toString('base64') } });
      assert.equal(reply.json.message, 'Could not unzip uploaded file. Please check your file, then try to upload again.');
      assert.deepEqual(await readdir(c.dataDir), []);
    }));

  test('returns InvalidParameterValueException for a runtime it cannot run', () =>
    withFunctions(async (c) => {
      const reply = await c.create('f', { Runtime: 'python3.12' });
      assert.equal(reply.status, 400);
      assert.deepEqual(reply.json, {
        Type: 'User',
        message:
          "Value python3.12 at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [nodejs18.x, nodejs20.x, nodejs22.x, nodejs24.x] or be a valid ARN",
      });
    }));

  test('returns InvalidParameterValueException for S3 code and for a missing code source', () =>
    withFunctions(async (c) => {
      const s3 = await c.create('f', { Code: { S3Bucket: 'bkt', S3Key: 'k.zip' } });
      assert.equal(
        s3.json.message,
        'Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist',
      );
      const none = await c.create('f', { Code: {} });
      assert.deepEqual([none.status, none.json.message], [400, 'Please provide a source for function code.']);
    }));

  test('returns ValidationException (message only) for model constraint violations', () =>
    withFunctions(async (c) => {
      const reply = await c.create('f', { Role: 'bad', Timeout: 0, MemorySize: 64 });
      assert.equal(reply.status, 400);
      assert.equal(reply.headers['x-amzn-ErrorType'], 'ValidationException');
      assert.deepEqual(reply.json, {
        message:
          "3 validation errors detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128; " +
          "Value 'bad' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+; " +
          "Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1",
      });
    }));

  test('returns ValidationException for missing required members', () =>
    withFunctions(async (c) => {
      const reply = await c.call('POST', '/2015-03-31/functions', { body: {} });
      assert.deepEqual(reply.json, {
        message:
          "3 validation errors detected: Value null at 'code' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'functionName' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'role' failed to satisfy constraint: Member must not be null",
      });
    }));

  test('returns InvalidParameterValueException for a name over 64 characters', () =>
    withFunctions(async (c) => {
      const name = 'n'.repeat(65);
      const reply = await c.create(name);
      assert.deepEqual(reply.json, {
        Type: 'User',
        message: `1 validation error detected: Value '${name}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
      });
    }));

  test('returns ResourceNotFoundException for an ARN of another region', () =>
    withFunctions(async (c) => {
      const reply = await c.create('arn:aws:lambda:eu-west-1:000000000000:function:f');
      assert.equal(reply.status, 404);
      assert.deepEqual(reply.json, { Type: 'User', Message: "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')" });
    }));

  test('returns InvalidRequestContentException for a malformed body or a mistyped member', () =>
    withFunctions(async (c) => {
      const malformed = await c.call('POST', '/2015-03-31/functions', { body: Buffer.from('{"FunctionName":') });
      assert.equal(malformed.status, 400);
      assert.equal(malformed.headers['x-amzn-ErrorType'], 'InvalidRequestContentException');
      assert.deepEqual(malformed.json, { Type: 'User', message: 'Could not parse request body into json: Malformed JSON' });
      const mistyped = await c.create('f', { Timeout: 'abc' });
      assert.deepEqual(mistyped.json, {
        Type: 'User',
        message: 'Could not parse request body into json: class java.lang.String can not be converted to an Integer',
      });
    }));

  test('returns InvalidParameterValueException for environment variables over 4 KB', () =>
    withFunctions(async (c) => {
      const reply = await c.create('f', { Environment: { Variables: { BIG: 'x'.repeat(4090) } } });
      assert.equal(reply.status, 400);
      assert.equal(
        reply.json.message,
        `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: {"BIG":"${'x'.repeat(4090)}"}`,
      );
    }));
});
