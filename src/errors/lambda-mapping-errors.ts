// Lambda's errors for event source mappings, with AWS's wording (LAMBDA-API.md §3.1, §3.5, ESM.md §2).
// Only these builders spell them; api/lambda maps the registry's domain errors through them.

import type { AwsError } from './aws-error.js';
import { constraints, validationException, violationMessage } from './common-errors.js';
import { LambdaError } from './lambda-errors.js';

/** Get/Update/Delete of an unknown UUID (AWS-recorded). */
export function mappingNotFound(): LambdaError {
  return new LambdaError('ResourceNotFoundException', 'The resource you requested does not exist.', 404, 'Message');
}

/** A second mapping of the same function to the same stream (AWS-recorded, spaces inside the quotes). */
export function mappingAlreadyExists(eventSourceArn: string, functionName: string, uuid: string): LambdaError {
  return new LambdaError(
    'ResourceConflictException',
    `The event source arn (" ${eventSourceArn} ") and function (" ${functionName} ") provided mapping already exists. ` +
      `Please update or delete the existing mapping with UUID ${uuid}`,
    409,
  );
}

/** Update or delete while the mapping is Creating/Enabling/Disabling/Updating/Deleting. */
export function mappingInUse(action: 'update' | 'delete'): LambdaError {
  return new LambdaError(
    'ResourceInUseException',
    `Cannot ${action} the event source mapping because it is in use.`,
    400,
    'Message',
  );
}

/** Create without EventSourceArn, or with a source this server cannot poll. */
export function unrecognizedEventSource(): LambdaError {
  return new LambdaError('InvalidParameterValueException', 'Unrecognized event source.', 400);
}

/** DestinationConfig.OnSuccess on a stream mapping. */
export function unsupportedDestinationConfig(): LambdaError {
  return new LambdaError(
    'InvalidParameterValueException',
    'Unsupported DestinationConfig parameter for given event source mapping type.',
    400,
  );
}

/** StartingPosition absent for a stream source (AWS sends this as InvalidParameterValueException, with a period). */
export function startingPositionMissing(): LambdaError {
  return new LambdaError(
    'InvalidParameterValueException',
    "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.",
    400,
  );
}

/** AT_TIMESTAMP without StartingPositionTimestamp. */
export function startingPositionTimestampMissing(): LambdaError {
  return new LambdaError('InvalidParameterValueException', 'Need to specify a timestamp', 400);
}

/** MaximumRecordAgeInSeconds inside the model's range but 0–59. */
export function maximumRecordAgeInvalid(): LambdaError {
  return new LambdaError(
    'InvalidParameterValueException',
    'MaximumRecordAgeInSeconds must be either -1 (forever) or between 60 and 604800 (inclusive)',
    400,
  );
}

/** A filter pattern that is not JSON, not an object, or uses an unknown operator. */
export function invalidFilterPattern(): LambdaError {
  return new LambdaError('InvalidParameterValueException', 'Invalid filter pattern definition.', 400);
}

/** FunctionName names no function (Create/Update of a mapping). */
export function mappingFunctionNotFound(): LambdaError {
  return new LambdaError('InvalidParameterValueException', 'Function does not exist', 400);
}

/** EventSourceArn names no stream. */
export function mappingStreamNotFound(eventSourceArn: string): LambdaError {
  return new LambdaError('InvalidParameterValueException', `Stream not found: ${eventSourceArn}`, 400);
}

export type MappingConstraint =
  | { readonly kind: 'min'; readonly limit: number }
  | { readonly kind: 'max'; readonly limit: number }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'enumList'; readonly values: readonly string[] }
  | { readonly kind: 'maxLength'; readonly limit: number };

function constraintText(constraint: MappingConstraint): string {
  switch (constraint.kind) {
    case 'min':
      return constraints.minValue(constraint.limit);
    case 'max':
      return constraints.maxValue(constraint.limit);
    case 'enum':
      return constraints.enumSet(constraint.values);
    case 'enumList':
      return constraints.listMembers([constraints.enumSet(constraint.values)]);
    case 'maxLength':
      return constraints.maxLength(constraint.limit);
  }
}

/** Out-of-range numbers and bad enum values, in AWS's generic ValidationException style (up to 10). */
export function mappingParameterViolations(
  violations: readonly { readonly path: string; readonly printed: string; readonly constraint: MappingConstraint }[],
): AwsError {
  return validationException(violations.map((v) => violationMessage(v.printed, v.path, constraintText(v.constraint))));
}
