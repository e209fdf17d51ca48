// Typed domain errors of the event source mapping registry. They carry facts, not wire messages:
// api/lambda maps each one to the AWS error type and AWS's exact wording (lambda-mapping-errors).

/** No mapping with that UUID (or it finished deleting). */
export class MappingNotFoundError extends Error {
  constructor(readonly uuid: string) {
    super(`event source mapping ${uuid} not found`);
    this.name = 'MappingNotFoundError';
  }
}

/** A mapping of the same function (same ARN, qualifier included) to the same source exists. */
export class MappingConflictError extends Error {
  constructor(
    readonly eventSourceArn: string,
    readonly functionName: string,
    readonly existingUuid: string,
  ) {
    super(`a mapping of ${functionName} to ${eventSourceArn} exists: ${existingUuid}`);
    this.name = 'MappingConflictError';
  }
}

/** The mapping is in a transitional state (Creating, Enabling, Disabling, Updating, Deleting). */
export class MappingInUseError extends Error {
  constructor(
    readonly uuid: string,
    readonly action: 'update' | 'delete',
    readonly state: string,
  ) {
    super(`cannot ${action} event source mapping ${uuid} while it is ${state}`);
    this.name = 'MappingInUseError';
  }
}

/** One constraint violation of a numeric or enum parameter, with the camelCase path AWS prints. */
export interface ParameterViolation {
  readonly path: string;
  /** The value as AWS prints it inside quotes. */
  readonly printed: string;
  readonly constraint:
    | { readonly kind: 'min'; readonly limit: number }
    | { readonly kind: 'max'; readonly limit: number }
    | { readonly kind: 'enum'; readonly values: readonly string[] }
    | { readonly kind: 'enumList'; readonly values: readonly string[] }
    | { readonly kind: 'maxLength'; readonly limit: number };
}

/** Why a Create/Update request is refused (each reason has one AWS error and message). */
export type MappingRequestProblem =
  | { readonly kind: 'unrecognizedEventSource' }
  | { readonly kind: 'onSuccessUnsupported' }
  | { readonly kind: 'startingPositionMissing' }
  | { readonly kind: 'startingPositionTimestampMissing' }
  | { readonly kind: 'maximumRecordAge'; readonly value: number }
  | { readonly kind: 'invalidFilterPattern'; readonly detail: string }
  | { readonly kind: 'functionNotFound'; readonly functionName: string }
  | { readonly kind: 'functionNameTooLong'; readonly name: string }
  | { readonly kind: 'streamNotFound'; readonly eventSourceArn: string }
  | { readonly kind: 'violations'; readonly violations: readonly ParameterViolation[] };

export class MappingRequestError extends Error {
  constructor(readonly problem: MappingRequestProblem) {
    super(`invalid event source mapping request: ${problem.kind}`);
    this.name = 'MappingRequestError';
  }
}
