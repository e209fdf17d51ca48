// UpdateFunctionConfiguration: PUT /2015-03-31/functions/{FunctionName}/configuration →
// FunctionConfiguration with LastUpdateStatus InProgress; only members present change.

import type { Operation } from '../operation.js';
import { functionConfiguration } from './function-configuration.js';
import { settingsForUpdate } from './function-settings-input.js';
import { requireFunction } from './get-function.js';
import type { LambdaDeps } from './lambda-deps.js';

export const updateFunctionConfiguration: Operation<LambdaDeps> = {
  name: 'UpdateFunctionConfiguration',
  async handle(input, deps, ctx) {
    const current = requireFunction({ FunctionName: input.FunctionName }, deps, ctx);
    const changes = settingsForUpdate(input, current.echoed);
    const record = await deps.functions.updateSettings(current.name, changes, input.RevisionId as string | undefined);
    return functionConfiguration(record, 'updated');
  },
};
