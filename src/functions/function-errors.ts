// Domain errors of the function registry (the api layer maps them to Lambda's AWS errors).

/** A function with this name already exists. */
export class FunctionExistsError extends Error {
  constructor(readonly functionName: string) {
    super(`function ${functionName} already exists`);
    this.name = 'FunctionExistsError';
  }
}

/** An update named a RevisionId that is no longer current. */
export class RevisionMismatchError extends Error {
  constructor(readonly functionName: string) {
    super(`function ${functionName} has another revision`);
    this.name = 'RevisionMismatchError';
  }
}
