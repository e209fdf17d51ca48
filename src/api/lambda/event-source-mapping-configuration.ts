// Registry → wire: a MappingDefinition as Lambda's EventSourceMappingConfiguration (LAMBDA-API.md
// §3.3). The rest-json serializer writes members in model order; dates become epoch seconds.

import type { MappingDefinition } from '../../mappings/mapping-definition.js';
import type { OperationOutput } from '../operation.js';

/** Echoed members that EventSourceMappingConfiguration has (Tags is accepted but not returned). */
const RETURNED_ECHOES = [
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
] as const;

export function eventSourceMappingConfiguration(mapping: MappingDefinition): OperationOutput {
  const out: Record<string, unknown> = {
    UUID: mapping.uuid,
    StartingPosition: mapping.startingPosition,
  };
  if (mapping.startingPositionTimestamp !== undefined) out['StartingPositionTimestamp'] = new Date(mapping.startingPositionTimestamp);
  Object.assign(out, {
    BatchSize: mapping.batchSize,
    MaximumBatchingWindowInSeconds: mapping.maximumBatchingWindowInSeconds,
    ParallelizationFactor: mapping.parallelizationFactor,
    EventSourceArn: mapping.eventSourceArn,
  });
  if (mapping.filterPatterns.length > 0) out['FilterCriteria'] = { Filters: mapping.filterPatterns.map((Pattern) => ({ Pattern })) };
  Object.assign(out, {
    FunctionArn: mapping.functionArn,
    LastModified: new Date(mapping.lastModified),
    LastProcessingResult: mapping.lastProcessingResult,
    State: mapping.state,
    StateTransitionReason: mapping.stateTransitionReason,
    DestinationConfig: { OnFailure: mapping.onFailureDestination !== undefined ? { Destination: mapping.onFailureDestination } : {} },
    MaximumRecordAgeInSeconds: mapping.maximumRecordAgeInSeconds,
    BisectBatchOnFunctionError: mapping.bisectBatchOnFunctionError,
    MaximumRetryAttempts: mapping.maximumRetryAttempts,
    TumblingWindowInSeconds: mapping.tumblingWindowInSeconds,
    FunctionResponseTypes: mapping.reportBatchItemFailures ? ['ReportBatchItemFailures'] : [],
    EventSourceMappingArn: mapping.arn,
  });
  for (const member of RETURNED_ECHOES) if (mapping.echoed[member] !== undefined) out[member] = mapping.echoed[member];
  return out;
}
