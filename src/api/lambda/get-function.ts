// GetFunction: GET /2015-03-31/functions/{FunctionName}[?Qualifier=] → Configuration, Code, Tags.

import { pathToFileURL } from 'node:url';
import { functionNotFound } from '../../errors/lambda-errors.js';
import type { FunctionRecord } from '../../functions/function-record.js';
import type { Operation, RequestContext } from '../operation.js';
import { functionConfiguration } from './function-configuration.js';
import { isLatest, parseFunctionName, refArn } from './function-name.js';
import type { LambdaDeps } from './lambda-deps.js';

/** The function a FunctionName (+ Qualifier) names; throws ResourceNotFoundException. */
export function requireFunction(input: Record<string, unknown>, deps: LambdaDeps, ctx: RequestContext): FunctionRecord {
  const ref = parseFunctionName(input.FunctionName as string, ctx, input.Qualifier as string | undefined);
  const record = deps.functions.find(ref.name);
  if (record === undefined || !isLatest(ref)) throw functionNotFound(refArn(ref, ctx));
  return record;
}

function codeLocation(record: FunctionRecord): Record<string, unknown> {
  if (record.kind === 'http') return { RepositoryType: 'HTTP', Location: record.endpointUrl };
  return { RepositoryType: 'S3', Location: record.codeDir === undefined ? '' : pathToFileURL(record.codeDir).href };
}

export const getFunction: Operation<LambdaDeps> = {
  name: 'GetFunction',
  async handle(input, deps, ctx) {
    const record = requireFunction(input, deps, ctx);
    const output: Record<string, unknown> = { Configuration: functionConfiguration(record), Code: codeLocation(record) };
    if (Object.keys(record.tags).length > 0) output.Tags = { ...record.tags };
    if (record.reservedConcurrency !== undefined) output.Concurrency = { ReservedConcurrentExecutions: record.reservedConcurrency };
    return output;
  },
};
