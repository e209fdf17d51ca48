// Wire → registry for CreateEventSourceMapping and UpdateEventSourceMapping: the validated input
// (wire member names, Dates for timestamps) becomes the registry's camelCase request.

import type { MappingChanges, NewMapping } from '../../mappings/mapping-registry.js';
import type { MappingSettingsInput } from '../../mappings/mapping-settings.js';
import type { OperationInput } from '../operation.js';

/** Members accepted and echoed back without behaviour for a Kinesis source. */
const ECHOED_MEMBERS = [
  'KMSKeyArn',
  'MetricsConfig',
  'LoggingConfig',
  'ScalingConfig',
  'ProvisionedPollerConfig',
  'Topics',
  'Queues',
  'SourceAccessConfigurations',
  'SelfManagedEventSource',
  'AmazonManagedKafkaEventSourceConfig',
  'SelfManagedKafkaEventSourceConfig',
  'DocumentDBEventSourceConfig',
  'Tags',
] as const;

interface WireDestinationConfig {
  readonly OnFailure?: { readonly Destination?: string };
  readonly OnSuccess?: unknown;
}

interface WireFilterCriteria {
  readonly Filters?: readonly { readonly Pattern?: string }[];
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function settingsFromWire(input: OperationInput): MappingSettingsInput {
  const destination = input['DestinationConfig'] as WireDestinationConfig | undefined;
  const filters = input['FilterCriteria'] as WireFilterCriteria | undefined;
  const echoed: Record<string, unknown> = {};
  for (const member of ECHOED_MEMBERS) if (input[member] !== undefined) echoed[member] = input[member];
  return {
    ...optional('batchSize', input['BatchSize'] as number | undefined),
    ...optional('maximumBatchingWindowInSeconds', input['MaximumBatchingWindowInSeconds'] as number | undefined),
    ...optional('parallelizationFactor', input['ParallelizationFactor'] as number | undefined),
    ...optional('maximumRetryAttempts', input['MaximumRetryAttempts'] as number | undefined),
    ...optional('maximumRecordAgeInSeconds', input['MaximumRecordAgeInSeconds'] as number | undefined),
    ...optional('bisectBatchOnFunctionError', input['BisectBatchOnFunctionError'] as boolean | undefined),
    ...optional('tumblingWindowInSeconds', input['TumblingWindowInSeconds'] as number | undefined),
    ...optional('functionResponseTypes', input['FunctionResponseTypes'] as string[] | undefined),
    ...optional(
      'destinationConfig',
      destination && {
        ...optional('onFailureDestination', destination.OnFailure?.Destination),
        onSuccessGiven: destination.OnSuccess !== undefined,
      },
    ),
    ...optional('filterPatterns', filters && (filters.Filters ?? []).map((f) => f.Pattern)),
    ...(Object.keys(echoed).length > 0 ? { echoed } : {}),
  };
}

function epochMs(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value * 1000;
  return undefined;
}

export function newMappingFromWire(input: OperationInput): NewMapping {
  return {
    functionName: input['FunctionName'] as string,
    ...optional('eventSourceArn', input['EventSourceArn'] as string | undefined),
    ...optional('enabled', input['Enabled'] as boolean | undefined),
    ...optional('startingPosition', input['StartingPosition'] as string | undefined),
    ...optional('startingPositionTimestamp', epochMs(input['StartingPositionTimestamp'])),
    ...settingsFromWire(input),
  };
}

export function mappingChangesFromWire(input: OperationInput): MappingChanges {
  return {
    ...optional('functionName', input['FunctionName'] as string | undefined),
    ...optional('enabled', input['Enabled'] as boolean | undefined),
    ...settingsFromWire(input),
  };
}
