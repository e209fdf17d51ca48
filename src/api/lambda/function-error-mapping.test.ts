import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LambdaError } from '../../errors/lambda-errors.js';
import { FunctionNotFoundError, FunctionNotReadyError, FunctionThrottledError } from '../../functions/function-invoker.js';
import { restJsonErrorResponse } from '../../protocol/rest-json-error.js';
import { mapFunctionError } from './function-error-mapping.js';

/** What the client receives for a domain error: status, error type header and body. */
function wire(err: unknown): [number, string | undefined, unknown] {
  const mapped = mapFunctionError(err, 'us-east-1', '000000000000');
  assert.ok(mapped instanceof LambdaError);
  const out = restJsonErrorResponse(mapped);
  return [out.status, out.headers['x-amzn-ErrorType'], JSON.parse(out.body.toString('utf8'))];
}

describe('mapFunctionError (Invoke errors, LAMBDA-API.md §2.7 and §6)', () => {
  test('a throttled function is 429 TooManyRequestsException with its Reason in the body', () => {
    assert.deepEqual(wire(new FunctionThrottledError('f')), [
      429,
      'TooManyRequestsException',
      { Type: 'User', message: 'Rate Exceeded.', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' },
    ]);
  });

  test('a function that is not ready is 409 ResourceConflictException naming its state', () => {
    assert.deepEqual(wire(new FunctionNotReadyError('f', 'Pending', 'function is Pending')), [
      409,
      'ResourceConflictException',
      { Type: 'User', message: 'The operation cannot be performed at this time. The function is currently in the following state: Pending' },
    ]);
  });

  test('a missing function is 404 ResourceNotFoundException with the (qualified) ARN', () => {
    assert.deepEqual(wire(new FunctionNotFoundError('f', '7')), [
      404,
      'ResourceNotFoundException',
      { Type: 'User', Message: 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:f:7' },
    ]);
  });

  test('leaves other errors alone', () => {
    assert.equal(mapFunctionError(new Error('x'), 'us-east-1', '000000000000'), undefined);
  });
});
