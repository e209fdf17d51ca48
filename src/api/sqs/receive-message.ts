// ReceiveMessage: up to MaxNumberOfMessages (default 1) visible messages, waiting up to
// WaitTimeSeconds (default: the queue's ReceiveMessageWaitTimeSeconds) when none is visible.

import type { Operation } from '../operation.js';
import { queueOf } from './queue-url.js';
import { receivedMessage } from './received-message.js';
import type { SqsDeps } from './sqs-deps.js';
import { integerInRange } from './sqs-input.js';

export const receiveMessage: Operation<SqsDeps> = {
  name: 'ReceiveMessage',
  async handle(input, deps) {
    const queue = queueOf(input, deps);
    const max = integerInRange(input, 'MaxNumberOfMessages', 1, 10, 'Must be between 1 and 10, if provided.');
    const wait = integerInRange(input, 'WaitTimeSeconds', 0, 20, 'Must be >= 0 and <= 20, if provided.');
    const visibility = integerInRange(input, 'VisibilityTimeout', 0, 43_200, 'Must be >= 0 and <= 43200, if provided.');
    const received = await deps.messages.receive(queue, {
      maxMessages: max ?? 1,
      ...(wait === undefined ? {} : { waitTimeSeconds: wait }),
      ...(visibility === undefined ? {} : { visibilityTimeout: visibility }),
    });
    if (received.length === 0) return {};
    const systemNames = [...((input.AttributeNames ?? []) as string[]), ...((input.MessageSystemAttributeNames ?? []) as string[])];
    const attributeNames = (input.MessageAttributeNames ?? []) as string[];
    return { Messages: received.map((r) => receivedMessage(r, systemNames, attributeNames)) };
  },
};
