import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FunctionThrottledError } from '../../../src/functions/function-invoker.js';
import { withFunctions } from './function-fixture.js';

const INVOKE = '/2015-03-31/functions/f/invocations';

describe('Invoke', () => {
  test('RequestResponse answers 200 with the raw result and X-Amz-Executed-Version', () =>
    withFunctions(async (c) => {
      await c.create('f');
      const reply = await c.call('POST', INVOKE, { body: Buffer.from('{"a":1}') });
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.headers, { 'X-Amz-Executed-Version': '$LATEST', 'Content-Type': 'application/json' });
      assert.equal(reply.body.toString(), '{"a":1}');
      assert.equal(c.invocations.length, 1);
      const sent = c.invocations[0]!;
      assert.deepEqual(
        [sent.functionName, sent.payload.toString(), sent.requestId, sent.logTail, sent.qualifier],
        ['f', '{"a":1}', '11111111-2222-3333-4444-555555555555', false, undefined],
      );
    }));

  test('an empty body is the event {}', () =>
    withFunctions(async (c) => {
      await c.create('f');
      await c.call('POST', INVOKE);
      assert.equal(c.invocations[0]!.payload.toString(), '{}');
    }));

  test('a function error is still 200, with X-Amz-Function-Error and the error payload; Tail returns X-Amz-Log-Result', () =>
    withFunctions(async (c) => {
      await c.create('f');
      const error = '{"errorType":"Error","errorMessage":"boom","trace":["Error: boom"]}';
      c.respond(async (r) => ({
        requestId: r.requestId!,
        functionError: 'Unhandled',
        payload: Buffer.from(error),
        executedVersion: '$LATEST',
        logResult: 'bG9n',
        durationMs: 2,
      }));
      const reply = await c.call('POST', INVOKE, { body: Buffer.from('{}'), headers: { 'X-Amz-Log-Type': 'Tail' } });
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.headers, {
        'X-Amz-Function-Error': 'Unhandled',
        'X-Amz-Log-Result': 'bG9n',
        'X-Amz-Executed-Version': '$LATEST',
        'Content-Type': 'application/json',
      });
      assert.equal(reply.body.toString(), error);
      assert.equal(c.invocations[0]!.logTail, true);
    }));

  test('passes the qualifier and client context on', () =>
    withFunctions(async (c) => {
      await c.create('f');
      const reply = await c.call('POST', INVOKE, { query: { Qualifier: '$LATEST' }, headers: { 'X-Amz-Client-Context': 'e30=' } });
      assert.equal(reply.status, 200);
      assert.deepEqual([c.invocations[0]!.qualifier, c.invocations[0]!.clientContext], ['$LATEST', 'e30=']);
    }));

  test('Event answers 202 with an empty body and runs the function in the background', () =>
    withFunctions(async (c) => {
      await c.create('f');
      const reply = await c.call('POST', INVOKE, { body: Buffer.from('{"e":1}'), headers: { 'X-Amz-Invocation-Type': 'Event' } });
      assert.deepEqual([reply.status, reply.body.length, reply.headers], [202, 0, {}]);
      await c.events.drain();
      assert.deepEqual(c.invocations.map((r) => r.payload.toString()), ['{"e":1}']);
    }));

  test('Event answers TooManyRequestsException when too many events are in flight', () =>
    withFunctions(async (c) => {
      await c.create('f');
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      c.respond(async (r) => {
        await gate;
        return { requestId: r.requestId!, payload: Buffer.from('null'), executedVersion: '$LATEST', durationMs: 0 };
      });
      const headers = { 'X-Amz-Invocation-Type': 'Event' };
      assert.equal((await c.call('POST', INVOKE, { headers })).status, 202);
      assert.equal((await c.call('POST', INVOKE, { headers })).status, 202);
      const third = await c.call('POST', INVOKE, { headers });
      assert.equal(third.status, 429);
      assert.deepEqual(third.json, { Type: 'User', message: 'Rate Exceeded.', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
      release();
    }));

  test('DryRun answers 204 without running the function', () =>
    withFunctions(async (c) => {
      await c.create('f');
      const reply = await c.call('POST', INVOKE, { headers: { 'X-Amz-Invocation-Type': 'DryRun' } });
      assert.deepEqual([reply.status, reply.body.length, c.invocations.length], [204, 0, 0]);
    }));

  test('returns InvalidRequestContentException for a payload that is not JSON', () =>
    withFunctions(async (c) => {
      await c.create('f');
      const reply = await c.call('POST', INVOKE, { body: Buffer.from('STRING_VALUE') });
      assert.equal(reply.status, 400);
      assert.equal(reply.headers['x-amzn-ErrorType'], 'InvalidRequestContentException');
      assert.match(reply.json.message, /^Could not parse request body into json: Could not parse payload into json: /);
      assert.equal(c.invocations.length, 0);
    }));

  test('returns RequestTooLargeException over 6 MB (sync) and 1 MB (Event)', () =>
    withFunctions(async (c) => {
      await c.create('f');
      const sync = await c.call('POST', INVOKE, { body: Buffer.from(`"${'x'.repeat(6_291_456)}"`) });
      assert.deepEqual([sync.status, sync.json], [413, { Type: 'User', message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation' }]);
      const event = await c.call('POST', INVOKE, { body: Buffer.from(`"${'x'.repeat(1_048_576)}"`), headers: { 'X-Amz-Invocation-Type': 'Event' } });
      assert.deepEqual([event.status, event.json.message], [413, 'Request must be smaller than 1048576 bytes for the InvokeFunction operation']);
    }));

  test('returns ResourceNotFoundException for a missing function (with the qualifier when given)', () =>
    withFunctions(async (c) => {
      const plain = await c.call('POST', '/2015-03-31/functions/nope/invocations');
      assert.deepEqual([plain.status, plain.json.Message], [404, 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope']);
      await c.create('f');
      const qualified = await c.call('POST', INVOKE, { query: { Qualifier: 'prod' } });
      assert.deepEqual([qualified.status, qualified.json.Message], [404, 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:f:prod']);
    }));

  test('maps a throttled runtime to TooManyRequestsException', () =>
    withFunctions(async (c) => {
      await c.create('f');
      c.respond(async () => {
        throw new FunctionThrottledError('f');
      });
      const reply = await c.call('POST', INVOKE);
      assert.deepEqual([reply.status, reply.headers['x-amzn-ErrorType']], [429, 'TooManyRequestsException']);
    }));

  test('returns ValidationException for an unknown invocation type', () =>
    withFunctions(async (c) => {
      await c.create('f');
      const reply = await c.call('POST', INVOKE, { headers: { 'X-Amz-Invocation-Type': 'Later' } });
      assert.deepEqual(reply.json, {
        message:
          "1 validation error detected: Value 'Later' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]",
      });
    }));
});
