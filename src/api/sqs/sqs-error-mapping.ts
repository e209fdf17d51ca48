// Maps the queue engine's domain errors to SQS errors with AWS's wording.

import type { AwsError } from '../../errors/aws-error.js';
import {
  invalidAttributeName,
  invalidAttributeValue,
  messageNotInflight,
  parameterValueInvalid,
  purgeQueueInProgress,
  queueDoesNotExist,
  queueNameExists,
  receiptHandleIsInvalid,
  unsupportedOperation,
} from '../../errors/sqs-errors.js';
import {
  FifoUnsupportedError,
  MessageNotInflightError,
  MessageUnavailableError,
  PurgeInProgressError,
  QueueAttributeValueError,
  QueueMissingError,
  QueueNameTakenError,
  ReceiptHandleInvalidError,
  UnknownQueueAttributeError,
  VisibilityLimitError,
  type RedriveProblem,
} from '../../queues/queue-errors.js';

function redriveReason(problem: RedriveProblem): string {
  switch (problem.kind) {
    case 'malformed':
      return 'Redrive policy is not a valid JSON map.';
    case 'missing':
      return `Redrive policy does not contain mandatory attribute: ${problem.field}.`;
    case 'bad-arn':
      return 'Invalid value for deadLetterTargetArn.';
    case 'bad-count':
      return `Invalid value for maxReceiveCount: ${problem.count}, valid values are from 1 to 1000 both inclusive.`;
    case 'no-target':
      return 'Dead letter target does not exist.';
  }
}

/** The SQS error for a queue-engine error, or undefined for anything else. */
export function mapSqsError(err: unknown): AwsError | undefined {
  if (err instanceof QueueMissingError) return queueDoesNotExist();
  if (err instanceof QueueNameTakenError) return queueNameExists(err.attribute);
  if (err instanceof UnknownQueueAttributeError) return invalidAttributeName(err.attribute);
  if (err instanceof QueueAttributeValueError) {
    return err.reason ? parameterValueInvalid(err.value, err.attribute, redriveReason(err.reason)) : invalidAttributeValue(err.attribute);
  }
  if (err instanceof ReceiptHandleInvalidError) return receiptHandleIsInvalid(err.handle);
  if (err instanceof MessageUnavailableError) {
    return parameterValueInvalid(err.handle, 'ReceiptHandle', 'Message does not exist or is not available for visibility timeout change.');
  }
  if (err instanceof MessageNotInflightError) return messageNotInflight();
  if (err instanceof VisibilityLimitError) {
    return parameterValueInvalid(err.visibilityTimeout, 'VisibilityTimeout', 'Total VisibilityTimeout for the message is beyond the limit [43200 seconds]');
  }
  if (err instanceof PurgeInProgressError) return purgeQueueInProgress(err.queueName);
  if (err instanceof FifoUnsupportedError) return unsupportedOperation('FIFO queues are not supported by Tributary.');
  return undefined;
}
