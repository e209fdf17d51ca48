// Lambda's errors for functions and Invoke, with AWS's wording (LAMBDA-API.md §1, §2, §6). Lambda
// bodies carry `"Type": "User"` (or "Service") and the message under `message` or `Message`
// depending on the error shape; the rest-json error writer reads both from LambdaError.

import { AwsError } from './aws-error.js';

/** A Lambda error: AwsError plus the body details Lambda's rest-json error documents carry. */
export class LambdaError extends AwsError {
  /**
   * @param messageKey `Message` for ResourceNotFound/ResourceInUse/Service errors, else `message`
   * @param kind the body's `Type` ("User" for client errors, "Service" for ours)
   * @param fields extra body members (e.g. `Reason` of TooManyRequestsException)
   * @param headers extra response headers (e.g. `Retry-After`)
   */
  constructor(
    type: string,
    message: string,
    statusCode: number,
    readonly messageKey: 'message' | 'Message' = 'message',
    readonly kind: 'User' | 'Service' = 'User',
    readonly fields: Readonly<Record<string, unknown>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(type, message, statusCode);
  }
}

/** Lambda's unqualified function ARN. */
export function functionArn(region: string, accountId: string, name: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${name}`;
}

/** GetFunction/Invoke/... of a missing function; `arn` is the (qualified, for Invoke) ARN. */
export function functionNotFound(arn: string): LambdaError {
  return new LambdaError('ResourceNotFoundException', `Function not found: ${arn}`, 404, 'Message');
}

/** A function ARN naming another region than the endpoint's. */
export function functionRegionUnreachable(region: string, endpointRegion: string): LambdaError {
  return new LambdaError(
    'ResourceNotFoundException',
    `Functions from '${region}' are not reachable in this region ('${endpointRegion}')`,
    404,
    'Message',
  );
}

/** CreateFunction with a name in use. */
export function functionAlreadyExists(name: string): LambdaError {
  return new LambdaError('ResourceConflictException', `Function already exist: ${name}`, 409);
}

/** A plain function name over 64 characters (after the ARN forms are taken apart). */
export function functionNameTooLong(name: string): LambdaError {
  return new LambdaError(
    'InvalidParameterValueException',
    `1 validation error detected: Value '${name}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    400,
  );
}

/** A ZipFile that is not a readable zip archive. */
export function couldNotUnzip(): LambdaError {
  return new LambdaError(
    'InvalidParameterValueException',
    'Could not unzip uploaded file. Please check your file, then try to upload again.',
    400,
  );
}

/** Code given as an S3 object: there is no S3 here, so the bucket never exists. */
export function s3BucketNotFound(): LambdaError {
  return new LambdaError(
    'InvalidParameterValueException',
    'Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist',
    400,
  );
}

/** Code given neither as ZipFile nor S3 object (or an image, which cannot run here). */
export function codeSourceMissing(): LambdaError {
  return new LambdaError('InvalidParameterValueException', 'Please provide a source for function code.', 400);
}

/** A container image package: not runnable by this server. */
export function imagePackageUnsupported(): LambdaError {
  return new LambdaError('InvalidParameterValueException', 'PackageType Image is not supported by this Tributary server.', 400);
}

/** A runtime this server cannot run; AWS's text with the runtimes we accept. */
export function invalidRuntime(runtime: string | undefined, supported: readonly string[]): LambdaError {
  return new LambdaError(
    'InvalidParameterValueException',
    `Value ${runtime ?? 'null'} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${supported.join(', ')}] or be a valid ARN`,
    400,
  );
}

/** A Zip function created without a handler. */
export function handlerMissing(): LambdaError {
  return new LambdaError(
    'InvalidParameterValueException',
    "1 validation error detected: Value null at 'handler' failed to satisfy constraint: Member must not be null",
    400,
  );
}

/** Environment variables over 4 KB in total. */
export function environmentTooLarge(name: string): LambdaError {
  return new LambdaError(
    'InvalidParameterValueException',
    `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${name}`,
    400,
  );
}

/** RevisionId given with an update does not match the current one. */
export function revisionMismatch(): LambdaError {
  return new LambdaError(
    'PreconditionFailedException',
    'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
    412,
  );
}

/** Deleting `$LATEST` alone. */
export function cannotDeleteLatest(): LambdaError {
  return new LambdaError('InvalidParameterValueException', '$LATEST version cannot be deleted without deleting the function.', 400);
}

/** A request body (or Invoke payload) that is not JSON. */
export function invalidRequestContent(detail: string): LambdaError {
  return new LambdaError('InvalidRequestContentException', `Could not parse request body into json: ${detail}`, 400);
}

/** Invoke payload over the synchronous (6 MB) or asynchronous (1 MB) limit. */
export function requestTooLarge(limitBytes: number): LambdaError {
  return new LambdaError(
    'RequestTooLargeException',
    `Request must be smaller than ${limitBytes} bytes for the InvokeFunction operation`,
    413,
  );
}

/** Invoke of a function whose state does not allow it (Pending, Failed, Inactive). */
export function functionNotReady(state: string): LambdaError {
  return new LambdaError(
    'ResourceConflictException',
    `The operation cannot be performed at this time. The function is currently in the following state: ${state}`,
    409,
  );
}

/** Invoke when every instance within the function's concurrency is busy. */
export function concurrencyExhausted(): LambdaError {
  return new LambdaError('TooManyRequestsException', 'Rate Exceeded.', 429, 'message', 'User', {
    Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
  });
}

/** An operation of the Lambda model that this server does not implement. */
export function lambdaOperationNotSupported(operation: string): LambdaError {
  return new LambdaError(
    'InvalidParameterValueException',
    `${operation} is not supported by this Tributary server yet.`,
    400,
  );
}

/** A path under a Lambda API version that names no operation. */
export function unknownLambdaRoute(): LambdaError {
  return new LambdaError('UnknownOperationException', 'Unknown operation', 404);
}

/** Anything unexpected while serving a Lambda request. */
export function lambdaServiceException(): LambdaError {
  return new LambdaError('ServiceException', 'An internal error occurred.', 500, 'Message', 'Service');
}
