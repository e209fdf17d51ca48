// SendMessage: one message; MD5s of body and attributes for the SDKs to verify.

import type { SentMessage } from '../../queues/message-service.js';
import type { Operation } from '../operation.js';
import { checkedMessage } from './outgoing-message.js';
import { queueOf } from './queue-url.js';
import type { SqsDeps } from './sqs-deps.js';

/** The wire fields of a sent message, in model order. */
export function sentFields(sent: SentMessage): Record<string, unknown> {
  return {
    MD5OfMessageBody: sent.md5OfBody,
    ...(sent.md5OfAttributes ? { MD5OfMessageAttributes: sent.md5OfAttributes } : {}),
    ...(sent.md5OfSystemAttributes ? { MD5OfMessageSystemAttributes: sent.md5OfSystemAttributes } : {}),
    MessageId: sent.messageId,
  };
}

export const sendMessage: Operation<SqsDeps> = {
  name: 'SendMessage',
  async handle(input, deps) {
    const queue = queueOf(input, deps);
    const { message } = checkedMessage(input, queue);
    const [sent] = await deps.messages.send(queue, [message]);
    return sentFields(sent!);
  },
};
