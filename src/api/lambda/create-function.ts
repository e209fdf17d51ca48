// CreateFunction: POST /2015-03-31/functions → 201 FunctionConfiguration (State Pending).

import type { Operation } from '../operation.js';
import { codeSourceOf } from './code-source-input.js';
import { functionConfiguration } from './function-configuration.js';
import { parseFunctionName } from './function-name.js';
import { settingsForCreate } from './function-settings-input.js';
import type { LambdaDeps } from './lambda-deps.js';

export const createFunction: Operation<LambdaDeps> = {
  name: 'CreateFunction',
  async handle(input, deps, ctx) {
    const { name } = parseFunctionName(input.FunctionName as string, ctx);
    const source = codeSourceOf(input.Code as Parameters<typeof codeSourceOf>[0], input.PackageType);
    const settings = settingsForCreate(input, deps.functions.defaultConcurrency);
    const tags = (input.Tags as Record<string, string> | undefined) ?? {};
    const record = await deps.functions.create(name, settings, source, { tags });
    return functionConfiguration(record, 'created');
  },
};
