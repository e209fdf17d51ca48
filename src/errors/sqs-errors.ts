// SQS errors. SQS speaks two protocols: JSON 1.0 clients read `__type` (com.amazonaws.sqs#<Shape>,
// or com.amazon.coral.service#<Name> for the generic ones) plus the `x-amzn-query-error:
// <code>;Sender` header; query clients read the XML <Code>. Each SqsError carries both, and the
// query variant of its message where AWS words it differently. Provenance in docs/errors.md.

import { AwsError } from './aws-error.js';

const SQS = 'com.amazonaws.sqs';
const CORAL = 'com.amazon.coral.service';

export class SqsError extends AwsError {
  /**
   * @param namespace `com.amazonaws.sqs` for modelled errors, `com.amazon.coral.service` else
   * @param shape the JSON error name (`QueueDoesNotExist`)
   * @param queryCode the query protocol code (`AWS.SimpleQueueService.NonExistentQueue`)
   * @param queryMessage the message query clients get, when it differs
   */
  constructor(
    namespace: string,
    readonly shape: string,
    readonly queryCode: string,
    message: string | undefined,
    statusCode = 400,
    readonly queryMessage: string | undefined = message,
  ) {
    super(`${namespace}#${shape}`, message, statusCode);
  }

  /** Headers the JSON protocol adds so query-compatible clients see `queryCode`. */
  get responseHeaders(): Readonly<Record<string, string>> {
    return { 'x-amzn-query-error': `${this.queryCode};Sender` };
  }
}

/** Observed (both wordings). */
export function queueDoesNotExist(): SqsError {
  const json = 'The specified queue does not exist.';
  return new SqsError(SQS, 'QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', json, 400, 'The specified queue does not exist for this wsdl version.');
}

/** Observed. */
export function queueNameExists(attribute: string): SqsError {
  return new SqsError(SQS, 'QueueNameExists', 'QueueAlreadyExists', `A queue already exists with the same name and a different value for attribute ${attribute}`);
}

/** The generic out-of-range / malformed parameter error; `message` from one of the builders below. */
export function invalidParameterValue(message: string): SqsError {
  return new SqsError(CORAL, 'InvalidParameterValueException', 'InvalidParameterValue', message);
}

/** Observed shape (`Value 11 for parameter MaxNumberOfMessages is invalid. Reason: ...`). */
export function parameterValueInvalid(value: string | number, parameter: string, reason: string): SqsError {
  return invalidParameterValue(`Value ${value} for parameter ${parameter} is invalid. Reason: ${reason}`);
}

/** Observed. */
export function messageTooLong(maximumMessageSize: number): SqsError {
  return invalidParameterValue(`One or more parameters are invalid. Reason: Message must be shorter than ${maximumMessageSize} bytes.`);
}

/** Observed (LocalStack, recorded against AWS). */
export function invalidQueueName(): SqsError {
  return invalidParameterValue('Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
}

/** Observed (`The request must contain the parameter MessageBody.`). */
export function missingParameter(parameter: string): SqsError {
  return new SqsError(CORAL, 'MissingRequiredParameterException', 'MissingParameter', `The request must contain the parameter ${parameter}.`);
}

/** Observed. */
export function invalidAttributeName(attribute: string): SqsError {
  return new SqsError(SQS, 'InvalidAttributeName', 'InvalidAttributeName', `Unknown Attribute ${attribute}.`);
}

/** Reconstructed. */
export function invalidAttributeValue(attribute: string): SqsError {
  return new SqsError(SQS, 'InvalidAttributeValue', 'InvalidAttributeValue', `Invalid value for the parameter ${attribute}.`);
}

/** Observed. */
export function invalidMessageContents(): SqsError {
  return new SqsError(
    SQS,
    'InvalidMessageContents',
    'InvalidMessageContents',
    'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
  );
}

/** Observed wording; status 404 as the current SQS model declares. */
export function receiptHandleIsInvalid(handle: string): SqsError {
  return new SqsError(SQS, 'ReceiptHandleIsInvalid', 'ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`, 404);
}

/** Reconstructed (the model's documentation text). */
export function messageNotInflight(): SqsError {
  return new SqsError(SQS, 'MessageNotInflight', 'AWS.SimpleQueueService.MessageNotInflight', 'The message referred to is not in flight.');
}

/** Observed. */
export function tooManyEntriesInBatchRequest(sent: number): SqsError {
  const code = 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest';
  return new SqsError(SQS, 'TooManyEntriesInBatchRequest', code, `Maximum number of entries per request are 10. You have sent ${sent}.`);
}

/** Reconstructed (`There should be at least one SendMessageBatchRequestEntry in the request.`). */
export function emptyBatchRequest(entryName: string): SqsError {
  return new SqsError(SQS, 'EmptyBatchRequest', 'AWS.SimpleQueueService.EmptyBatchRequest', `There should be at least one ${entryName} in the request.`);
}

/** Reconstructed. */
export function batchEntryIdsNotDistinct(id: string): SqsError {
  return new SqsError(SQS, 'BatchEntryIdsNotDistinct', 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
}

/** Observed. */
export function invalidBatchEntryId(): SqsError {
  const message = 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.';
  return new SqsError(SQS, 'InvalidBatchEntryId', 'AWS.SimpleQueueService.InvalidBatchEntryId', message);
}

/** Observed. */
export function batchRequestTooLong(limit: number, sent: number): SqsError {
  const message = `Batch requests cannot be longer than ${limit} bytes. You have sent ${sent} bytes.`;
  return new SqsError(SQS, 'BatchRequestTooLong', 'AWS.SimpleQueueService.BatchRequestTooLong', message);
}

/** Observed; HTTP 403. */
export function purgeQueueInProgress(queueName: string): SqsError {
  const message = `Only one PurgeQueue operation on ${queueName} is allowed every 60 seconds.`;
  return new SqsError(SQS, 'PurgeQueueInProgress', 'AWS.SimpleQueueService.PurgeQueueInProgress', message, 403);
}

/** Tributary: operations and features (FIFO queues) this server does not implement. */
export function unsupportedOperation(message: string): SqsError {
  return new SqsError(SQS, 'UnsupportedOperation', 'AWS.SimpleQueueService.UnsupportedOperation', message);
}

/** Query protocol only: an Action this service does not have. Reconstructed. */
export function invalidAction(action: string): SqsError {
  return new SqsError(CORAL, 'InvalidAction', 'InvalidAction', `The action ${action} is not valid for this web service.`);
}
