// The mapping registry's domain errors as Lambda errors (AWS's wording lives in
// errors/lambda-mapping-errors.ts). The five event source mapping operations run through it.

import type { AwsError } from '../../errors/aws-error.js';
import { functionNameTooLong } from '../../errors/lambda-errors.js';
import {
  invalidFilterPattern,
  mappingAlreadyExists,
  mappingFunctionNotFound,
  mappingInUse,
  mappingNotFound,
  mappingParameterViolations,
  mappingStreamNotFound,
  maximumRecordAgeInvalid,
  startingPositionMissing,
  startingPositionTimestampMissing,
  unrecognizedEventSource,
  unsupportedDestinationConfig,
} from '../../errors/lambda-mapping-errors.js';
import {
  MappingConflictError,
  MappingInUseError,
  MappingNotFoundError,
  MappingRequestError,
  type MappingRequestProblem,
} from '../../mappings/mapping-registry-errors.js';

function problemError(problem: MappingRequestProblem): AwsError {
  switch (problem.kind) {
    case 'unrecognizedEventSource':
      return unrecognizedEventSource();
    case 'onSuccessUnsupported':
      return unsupportedDestinationConfig();
    case 'startingPositionMissing':
      return startingPositionMissing();
    case 'startingPositionTimestampMissing':
      return startingPositionTimestampMissing();
    case 'maximumRecordAge':
      return maximumRecordAgeInvalid();
    case 'invalidFilterPattern':
      return invalidFilterPattern();
    case 'functionNotFound':
      return mappingFunctionNotFound();
    case 'functionNameTooLong':
      return functionNameTooLong(problem.name);
    case 'streamNotFound':
      return mappingStreamNotFound(problem.eventSourceArn);
    case 'violations':
      return mappingParameterViolations(problem.violations);
  }
}

/** The AwsError for a mapping registry error, or undefined for anything else. */
export function mapMappingError(err: unknown): AwsError | undefined {
  if (err instanceof MappingNotFoundError) return mappingNotFound();
  if (err instanceof MappingConflictError) return mappingAlreadyExists(err.eventSourceArn, err.functionName, err.existingUuid);
  if (err instanceof MappingInUseError) return mappingInUse(err.action);
  if (err instanceof MappingRequestError) return problemError(err.problem);
  return undefined;
}

/** Runs `work`, turning mapping registry errors into their AwsErrors. */
export async function withMappingErrors<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw mapMappingError(err) ?? err;
  }
}
