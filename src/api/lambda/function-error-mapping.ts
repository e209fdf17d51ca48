// Maps the function registry's and runtime's domain errors to Lambda's AWS errors.

import type { AwsError } from '../../errors/aws-error.js';
import {
  concurrencyExhausted,
  couldNotUnzip,
  functionAlreadyExists,
  functionArn,
  functionNotFound,
  functionNotReady,
  revisionMismatch,
} from '../../errors/lambda-errors.js';
import { InvalidCodeError } from '../../functions/code-store.js';
import { FunctionExistsError, RevisionMismatchError } from '../../functions/function-errors.js';
import { FunctionNotFoundError, FunctionNotReadyError, FunctionThrottledError } from '../../functions/function-invoker.js';

/** The AWS error for a function domain error, or undefined for anything else. */
export function mapFunctionError(err: unknown, region: string, accountId: string): AwsError | undefined {
  if (err instanceof FunctionNotFoundError) {
    const arn = functionArn(region, accountId, err.functionName);
    return functionNotFound(err.qualifier === undefined ? arn : `${arn}:${err.qualifier}`);
  }
  if (err instanceof FunctionExistsError) return functionAlreadyExists(err.functionName);
  if (err instanceof InvalidCodeError) return couldNotUnzip();
  if (err instanceof RevisionMismatchError) return revisionMismatch();
  if (err instanceof FunctionThrottledError) return concurrencyExhausted();
  if (err instanceof FunctionNotReadyError) return functionNotReady(err.state);
  return undefined;
}
