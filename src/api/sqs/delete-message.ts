// DeleteMessage: deletes by receipt handle, also a stale one; an already deleted message is fine.

import type { Operation } from '../operation.js';
import { queueOf } from './queue-url.js';
import type { SqsDeps } from './sqs-deps.js';
import { requiredString } from './sqs-input.js';

export const deleteMessage: Operation<SqsDeps> = {
  name: 'DeleteMessage',
  async handle(input, deps) {
    const queue = queueOf(input, deps);
    await deps.messages.delete(queue, requiredString(input, 'ReceiptHandle'));
    return {};
  },
};
