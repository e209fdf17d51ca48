import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createModelService, type ModelServiceOptions } from './model-service.js';
import { parseServiceModel } from './service-model.js';
import { AwsError } from '../../errors/aws-error.js';
import { ManualClock } from '../../engine/clock.js';
import type { Operation, OperationInput, RequestContext } from '../operation.js';

const model = parseServiceModel(
  'demo',
  JSON.stringify({
    metadata: { apiVersion: '2020-01-01', endpointPrefix: 'demo', protocol: 'json', serviceId: 'Demo', targetPrefix: 'Demo_1' },
    operations: {
      Echo: { name: 'Echo', input: { shape: 'EchoInput' } },
      Later: { name: 'Later', input: { shape: 'EchoInput' } },
      Ping: { name: 'Ping' },
      Unwired: { name: 'Unwired' },
    },
    shapes: {
      EchoInput: {
        type: 'structure',
        required: ['Name'],
        members: { Name: { shape: 'Name' }, Data: { shape: 'Data' }, At: { shape: 'At' }, Count: { shape: 'Count' } },
      },
      Name: { type: 'string', min: 1, max: 5 },
      Data: { type: 'blob' },
      At: { type: 'timestamp' },
      Count: { type: 'integer', min: 1 },
    },
  }),
);

const ctx: RequestContext = { requestId: 'req-1', accountId: '000000000000', region: 'us-east-1', clock: new ManualClock() };

class DomainError extends Error {}

function service(handle: (input: OperationInput) => Promise<Record<string, unknown>>, extra: Partial<ModelServiceOptions<null>> = {}) {
  const logged: { obj: object; msg: string }[] = [];
  const ops: Operation<null>[] = [{ name: 'Echo', handle }, { name: 'Ping', handle: async () => ({ Pong: true }) }];
  const svc = createModelService<null>({
    model,
    targetPrefix: 'Demo_1',
    signingName: 'demo',
    jsonVersion: '1.1',
    operations: ops,
    deps: null,
    logger: { error: (obj, msg) => logged.push({ obj, msg }) },
    ...extra,
  });
  return { svc, logged };
}

async function rejection(p: Promise<unknown>): Promise<AwsError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof AwsError, `not an AwsError: ${String(err)}`);
    return err;
  }
  assert.fail('expected a rejection');
}

describe('createModelService', () => {
  test('exposes its identity and knows only wired or pending operations', () => {
    const { svc } = service(async () => ({}), { notImplemented: new Map([['Later', new AwsError('X', 'later')]]) });
    assert.equal(svc.targetPrefix, 'Demo_1');
    assert.equal(svc.signingName, 'demo');
    assert.equal(svc.jsonVersion, '1.1');
    assert.equal(svc.hasOperation('Echo'), true);
    assert.equal(svc.hasOperation('Later'), true);
    assert.equal(svc.hasOperation('Unwired'), false);
    assert.equal(svc.hasOperation('toString'), false);
  });

  test('passes coerced input (Buffer, Date, no unknown members) to the operation', async () => {
    let seen: OperationInput | undefined;
    const { svc } = service(async (input) => {
      seen = input;
      return { Ok: 1 };
    });
    const out = await svc.invoke('Echo', { Name: 'ab', Data: 'aGk=', At: 1.5, Count: 2.9, Extra: { x: 1 } }, 'json', ctx);
    assert.deepEqual(out, { Ok: 1 });
    assert.deepEqual(seen, { Name: 'ab', Data: Buffer.from('hi'), At: new Date(1500), Count: 2 });
    await svc.invoke('Echo', { Name: 'ab', Data: Buffer.from('x'), At: new Date(7) }, 'cbor', ctx);
    assert.deepEqual(seen, { Name: 'ab', Data: Buffer.from('x'), At: new Date(7) });
    await svc.invoke('Echo', { Name: 'ab', At: 1234 }, 'cbor', ctx);
    assert.deepEqual(seen, { Name: 'ab', At: new Date(1234) });
  });

  test('operations without input accept an empty object', async () => {
    const { svc } = service(async () => ({}));
    assert.deepEqual(await svc.invoke('Ping', { Anything: 1 }, 'json', ctx), { Pong: true });
    const err = await rejection(svc.invoke('Ping', [], 'json', ctx));
    assert.equal(err.message, 'Start of list found where not expected');
  });

  test('validates a pending operation first, then answers its error', async () => {
    const later = new AwsError('InvalidArgumentException', 'not yet');
    const { svc } = service(async () => ({}), { notImplemented: new Map([['Later', later]]) });
    const invalid = await rejection(svc.invoke('Later', {}, 'json', ctx));
    assert.equal(invalid.type, 'ValidationException');
    assert.equal(await rejection(svc.invoke('Later', { Name: 'a' }, 'json', ctx)), later);
  });

  test('answers UnknownOperationException for an operation it does not have', async () => {
    const { svc } = service(async () => ({}));
    const err = await rejection(svc.invoke('Unwired', {}, 'json', ctx));
    assert.equal(err.type, 'UnknownOperationException');
    assert.equal(err.hasMessage, false);
  });

  test('passes AwsErrors through and maps domain errors with mapError', async () => {
    const aws = new AwsError('ResourceNotFoundException', 'gone');
    const mapped = new AwsError('ResourceInUseException', 'busy');
    const mapError = (err: unknown) => (err instanceof DomainError ? mapped : undefined);
    const thrower = (err: unknown) => service(async () => Promise.reject(err), { mapError }).svc;
    assert.equal(await rejection(thrower(aws).invoke('Echo', { Name: 'a' }, 'json', ctx)), aws);
    assert.equal(await rejection(thrower(new DomainError()).invoke('Echo', { Name: 'a' }, 'json', ctx)), mapped);
  });

  test('logs anything else and answers InternalFailure 500 without a message', async () => {
    const boom = new TypeError('boom');
    const { svc, logged } = service(async () => Promise.reject(boom));
    const err = await rejection(svc.invoke('Echo', { Name: 'a' }, 'json', ctx));
    assert.equal(err.type, 'InternalFailure');
    assert.equal(err.statusCode, 500);
    assert.equal(err.hasMessage, false);
    assert.deepEqual(logged, [{ obj: { err: boom, requestId: 'req-1', operation: 'Echo' }, msg: 'operation failed unexpectedly' }]);
  });

  test('refuses at creation an operation the model does not have', () => {
    assert.throws(
      () => service(async () => ({}), { operations: [{ name: 'Nope', handle: async () => ({}) }] }),
      /demo model has no operation Nope/,
    );
  });
});
