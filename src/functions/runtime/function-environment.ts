// The process.env a function sees: the host's base variables, then the function's own
// Environment.Variables, then the variables Lambda reserves and always sets itself.

import type { FunctionDefinition } from '../function-definition.js';

export interface InstanceIdentity {
  readonly region: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  /** Directory of the runtime's own files (LAMBDA_RUNTIME_DIR). */
  readonly runtimeDir: string;
}

/** Region part of a function ARN (`arn:aws:lambda:<region>:<account>:function:<name>`). */
export function regionOfArn(arn: string): string {
  return arn.split(':')[3] ?? '';
}

/** Builds the environment of one instance of `definition`. */
export function functionEnvironment(definition: FunctionDefinition, identity: InstanceIdentity, base: Readonly<Record<string, string>>): Record<string, string> {
  return {
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    AWS_DEFAULT_REGION: identity.region,
    ...base,
    ...definition.environment,
    AWS_REGION: identity.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${definition.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: definition.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memoryMb),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: identity.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: identity.logStreamName,
    LAMBDA_TASK_ROOT: definition.codeDir ?? '',
    LAMBDA_RUNTIME_DIR: identity.runtimeDir,
    _HANDLER: definition.handler,
  };
}
