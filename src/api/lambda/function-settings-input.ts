// Turns CreateFunction / UpdateFunctionConfiguration input (wire names) into the registry's
// FunctionSettings, with Lambda's defaults and the checks Lambda makes beyond the model.

import { environmentTooLarge, handlerMissing, invalidRuntime } from '../../errors/lambda-errors.js';
import type { FunctionSettings } from '../../functions/function-record.js';
import type { OperationInput } from '../operation.js';

/** Runtimes this server runs (worker threads of the server's own Node.js). */
export const SUPPORTED_RUNTIMES = ['nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x'] as const;

/** Accepted, stored and echoed, without behaviour. */
const ECHOED_MEMBERS = [
  'TracingConfig',
  'EphemeralStorage',
  'LoggingConfig',
  'DeadLetterConfig',
  'VpcConfig',
  'Layers',
  'KMSKeyArn',
  'SnapStart',
  'FileSystemConfigs',
  'Architectures',
] as const;

const ENVIRONMENT_LIMIT_BYTES = 4096;

function checkRuntime(runtime: unknown): string {
  if (typeof runtime !== 'string' || !(SUPPORTED_RUNTIMES as readonly string[]).includes(runtime)) {
    throw invalidRuntime(typeof runtime === 'string' ? runtime : undefined, SUPPORTED_RUNTIMES);
  }
  return runtime;
}

function environmentOf(input: OperationInput): Record<string, string> | undefined {
  const env = input.Environment as { Variables?: Record<string, string> } | undefined;
  if (env === undefined) return undefined;
  const variables = env.Variables ?? {};
  const measured = JSON.stringify(variables);
  if (Buffer.byteLength(measured) > ENVIRONMENT_LIMIT_BYTES) throw environmentTooLarge(measured);
  return { ...variables };
}

function echoedOf(input: OperationInput, base: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const echoed: Record<string, unknown> = { ...base };
  for (const key of ECHOED_MEMBERS) if (input[key] !== undefined) echoed[key] = input[key];
  return echoed;
}

/** Settings of a new function (Lambda's defaults: 3 s, 128 MB). */
export function settingsForCreate(input: OperationInput, defaultConcurrency: number): FunctionSettings {
  const runtime = checkRuntime(input.Runtime);
  if (input.Handler === undefined) throw handlerMissing();
  return {
    handler: input.Handler as string,
    runtime,
    role: input.Role as string,
    description: (input.Description as string | undefined) ?? '',
    timeoutSeconds: (input.Timeout as number | undefined) ?? 3,
    memoryMb: (input.MemorySize as number | undefined) ?? 128,
    environment: environmentOf(input) ?? {},
    concurrency: defaultConcurrency,
    echoed: echoedOf(input),
  };
}

/** The changed settings of UpdateFunctionConfiguration (only members present in the request). */
export function settingsForUpdate(input: OperationInput, currentEchoed: Readonly<Record<string, unknown>>): Partial<FunctionSettings> {
  const changes: Partial<Record<keyof FunctionSettings, unknown>> = {};
  if (input.Runtime !== undefined) changes.runtime = checkRuntime(input.Runtime);
  if (input.Handler !== undefined) changes.handler = input.Handler;
  if (input.Role !== undefined) changes.role = input.Role;
  if (input.Description !== undefined) changes.description = input.Description;
  if (input.Timeout !== undefined) changes.timeoutSeconds = input.Timeout;
  if (input.MemorySize !== undefined) changes.memoryMb = input.MemorySize;
  const environment = environmentOf(input);
  if (environment !== undefined) changes.environment = environment;
  changes.echoed = echoedOf(input, currentEchoed);
  return changes as Partial<FunctionSettings>;
}
