// DeleteFunction: DELETE /2015-03-31/functions/{FunctionName} → 204. Event source mappings of the
// function are kept (AWS keeps them too).

import { cannotDeleteLatest, functionNotFound } from '../../errors/lambda-errors.js';
import type { Operation } from '../operation.js';
import { parseFunctionName, refArn } from './function-name.js';
import type { LambdaDeps } from './lambda-deps.js';

export const deleteFunction: Operation<LambdaDeps> = {
  name: 'DeleteFunction',
  async handle(input, deps, ctx) {
    const ref = parseFunctionName(input.FunctionName as string, ctx, input.Qualifier as string | undefined);
    if (ref.qualifier === '$LATEST') throw cannotDeleteLatest();
    if (deps.functions.find(ref.name) === undefined || ref.qualifier !== undefined) {
      throw functionNotFound(refArn({ name: ref.name }, ctx));
    }
    await deps.functions.delete(ref.name);
    return { StatusCode: 204 };
  },
};
