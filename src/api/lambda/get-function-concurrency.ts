// GetFunctionConcurrency: GET /2019-09-30/functions/{FunctionName}/concurrency → the reserved
// concurrency, or an empty object when none is set.

import type { Operation } from '../operation.js';
import { requireFunction } from './get-function.js';
import type { LambdaDeps } from './lambda-deps.js';

export const getFunctionConcurrency: Operation<LambdaDeps> = {
  name: 'GetFunctionConcurrency',
  async handle(input, deps, ctx) {
    const { reservedConcurrency } = requireFunction({ FunctionName: input.FunctionName }, deps, ctx);
    return reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: reservedConcurrency };
  },
};
