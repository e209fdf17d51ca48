// PutFunctionConcurrency: PUT /2017-10-31/functions/{FunctionName}/concurrency → the function's
// worker pool is sized to ReservedConcurrentExecutions (0 throttles every invocation).

import type { Operation } from '../operation.js';
import { requireFunction } from './get-function.js';
import type { LambdaDeps } from './lambda-deps.js';

export const putFunctionConcurrency: Operation<LambdaDeps> = {
  name: 'PutFunctionConcurrency',
  async handle(input, deps, ctx) {
    const current = requireFunction({ FunctionName: input.FunctionName }, deps, ctx);
    const reserved = input.ReservedConcurrentExecutions as number;
    await deps.functions.setReservedConcurrency(current.name, reserved);
    return { ReservedConcurrentExecutions: reserved };
  },
};
