// The error for a filter pattern Lambda would reject at Create/UpdateEventSourceMapping with
// InvalidParameterValueException "Invalid filter pattern definition." (ESM.md §9). The api layer maps it.

export class FilterPatternError extends Error {
  /** `reason` says what is wrong (for logs and tests); it is not the AWS message. */
  constructor(reason: string) {
    super(reason);
    this.name = 'FilterPatternError';
  }
}
