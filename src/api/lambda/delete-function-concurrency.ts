// DeleteFunctionConcurrency: DELETE /2017-10-31/functions/{FunctionName}/concurrency → 204; the
// pool goes back to lambda.defaultConcurrency.

import type { Operation } from '../operation.js';
import { requireFunction } from './get-function.js';
import type { LambdaDeps } from './lambda-deps.js';

export const deleteFunctionConcurrency: Operation<LambdaDeps> = {
  name: 'DeleteFunctionConcurrency',
  async handle(input, deps, ctx) {
    const current = requireFunction({ FunctionName: input.FunctionName }, deps, ctx);
    await deps.functions.setReservedConcurrency(current.name, undefined);
    return {};
  },
};
