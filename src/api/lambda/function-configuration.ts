// A function as the Lambda API shows it (FunctionConfiguration), from the registry's record.
// Create responses report the function as Pending and update responses as InProgress, as AWS
// does; the registry has already finished the work, so later reads show Active / Successful.

import type { FunctionRecord } from '../../functions/function-record.js';

export type ConfigurationView = 'current' | 'created' | 'updated' | 'listed';

/** Lambda's LastModified text: `2024-01-31T12:34:56.789+0000`. */
export function lambdaTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

function echoedOutputs(record: FunctionRecord): Record<string, unknown> {
  const e = record.echoed;
  const out: Record<string, unknown> = {
    TracingConfig: { Mode: (e.TracingConfig as { Mode?: string } | undefined)?.Mode ?? 'PassThrough' },
    PackageType: 'Zip',
    Architectures: (e.Architectures as string[] | undefined) ?? ['x86_64'],
    EphemeralStorage: e.EphemeralStorage ?? { Size: 512 },
    SnapStart: { ApplyOn: (e.SnapStart as { ApplyOn?: string } | undefined)?.ApplyOn ?? 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${record.name}`, ...(e.LoggingConfig as object | undefined) },
  };
  if (e.Layers !== undefined) out.Layers = (e.Layers as string[]).map((Arn) => ({ Arn, CodeSize: 0 }));
  if (e.VpcConfig !== undefined) out.VpcConfig = { VpcId: '', ...(e.VpcConfig as object) };
  for (const key of ['DeadLetterConfig', 'KMSKeyArn', 'FileSystemConfigs']) if (e[key] !== undefined) out[key] = e[key];
  return out;
}

function stateFields(record: FunctionRecord, view: ConfigurationView): Record<string, unknown> {
  if (view === 'listed') return {};
  if (view === 'created') {
    return { State: 'Pending', StateReason: 'The function is being created.', StateReasonCode: 'Creating' };
  }
  const state: Record<string, unknown> = { State: record.state };
  if (record.stateReason !== undefined) state.StateReason = record.stateReason;
  if (record.stateReasonCode !== undefined) state.StateReasonCode = record.stateReasonCode;
  if (view === 'updated') {
    return {
      ...state,
      LastUpdateStatus: 'InProgress',
      LastUpdateStatusReason: 'The function is being created.',
      LastUpdateStatusReasonCode: 'Creating',
    };
  }
  return { ...state, LastUpdateStatus: record.state === 'Failed' ? 'Failed' : 'Successful' };
}

/** The FunctionConfiguration of `record` as seen by `view`. */
export function functionConfiguration(record: FunctionRecord, view: ConfigurationView = 'current'): Record<string, unknown> {
  return {
    FunctionName: record.name,
    FunctionArn: record.arn,
    Runtime: record.runtime,
    Role: record.role,
    Handler: record.handler,
    CodeSize: record.codeSize,
    Description: record.description,
    Timeout: record.timeoutSeconds,
    MemorySize: record.memoryMb,
    LastModified: lambdaTimestamp(record.lastModified),
    CodeSha256: record.codeSha256,
    Version: '$LATEST',
    Environment: { Variables: { ...record.environment } },
    RevisionId: record.revisionId,
    ...echoedOutputs(record),
    ...stateFields(record, view),
  };
}
