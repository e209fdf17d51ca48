// GetFunctionConfiguration: GET /2015-03-31/functions/{FunctionName}/configuration.

import type { Operation } from '../operation.js';
import { functionConfiguration } from './function-configuration.js';
import { requireFunction } from './get-function.js';
import type { LambdaDeps } from './lambda-deps.js';

export const getFunctionConfiguration: Operation<LambdaDeps> = {
  name: 'GetFunctionConfiguration',
  async handle(input, deps, ctx) {
    return functionConfiguration(requireFunction(input, deps, ctx));
  },
};
