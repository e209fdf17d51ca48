// One message to send (SendMessage, or one SendMessageBatch entry), checked as SQS does: body
// present and made of allowed characters, delay in range, attributes valid, body + attributes
// within the queue's MaximumMessageSize.

import { invalidMessageContents, messageTooLong, parameterValueInvalid } from '../../errors/sqs-errors.js';
import type { LiveQueue } from '../../queues/live-queue.js';
import type { OutgoingMessage } from '../../queues/message-service.js';
import type { OperationInput } from '../operation.js';
import { attributesSize, hasInvalidCharacters, systemAttributes, userAttributes } from './message-attributes.js';
import { integerInRange, requiredString } from './sqs-input.js';

export interface CheckedMessage {
  readonly message: OutgoingMessage;
  /** Body + attribute bytes, as SQS counts them against the size limits. */
  readonly size: number;
}

/** Bytes of body and attributes of an entry, before any other check (for BatchRequestTooLong). */
export function rawSize(entry: OperationInput): number {
  const body = typeof entry.MessageBody === 'string' ? Buffer.byteLength(entry.MessageBody) : 0;
  let attributes = 0;
  for (const [name, value] of Object.entries((entry.MessageAttributes ?? {}) as Record<string, Record<string, unknown>>)) {
    attributes += Buffer.byteLength(name) + Buffer.byteLength(String(value.DataType ?? ''));
    const binary = value.BinaryValue;
    attributes += Buffer.isBuffer(binary) ? binary.length : Buffer.byteLength(String(value.StringValue ?? ''));
  }
  return body + attributes;
}

export function checkedMessage(entry: OperationInput, queue: LiveQueue): CheckedMessage {
  const body = requiredString(entry, 'MessageBody');
  if (entry.MessageDeduplicationId !== undefined) {
    const reason = 'The request includes a parameter that is not valid for this queue type.';
    throw parameterValueInvalid(String(entry.MessageDeduplicationId), 'MessageDeduplicationId', reason);
  }
  const delaySeconds = integerInRange(entry, 'DelaySeconds', 0, 900, 'DelaySeconds must be >= 0 and <= 900.');
  const attributes = userAttributes(entry.MessageAttributes);
  const system = systemAttributes(entry.MessageSystemAttributes);
  if (hasInvalidCharacters(body)) throw invalidMessageContents();
  const size = Buffer.byteLength(body) + attributesSize(attributes);
  if (size > queue.settings.maximumMessageSize) throw messageTooLong(queue.settings.maximumMessageSize);
  return {
    message: { body, attributes, systemAttributes: system, ...(delaySeconds === undefined ? {} : { delaySeconds }) },
    size,
  };
}
