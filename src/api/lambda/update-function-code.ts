// UpdateFunctionCode: PUT /2015-03-31/functions/{FunctionName}/code → FunctionConfiguration with
// LastUpdateStatus InProgress. DryRun validates without changing anything.

import type { Operation } from '../operation.js';
import { codeSourceOf } from './code-source-input.js';
import { functionConfiguration } from './function-configuration.js';
import { requireFunction } from './get-function.js';
import type { LambdaDeps } from './lambda-deps.js';

export const updateFunctionCode: Operation<LambdaDeps> = {
  name: 'UpdateFunctionCode',
  async handle(input, deps, ctx) {
    const current = requireFunction({ FunctionName: input.FunctionName }, deps, ctx);
    const source = codeSourceOf(input as Parameters<typeof codeSourceOf>[0]);
    if (input.DryRun === true) return functionConfiguration(current);
    const changes = input.Architectures === undefined ? {} : { echoed: { ...current.echoed, Architectures: input.Architectures } };
    const record = await deps.functions.updateCode(current.name, source, input.RevisionId as string | undefined, changes);
    return functionConfiguration(record, 'updated');
  },
};
