// DeleteQueue: the queue and its messages go at once; parked receives on it return empty.

import type { Operation } from '../operation.js';
import { queueOf } from './queue-url.js';
import type { SqsDeps } from './sqs-deps.js';

export const deleteQueue: Operation<SqsDeps> = {
  name: 'DeleteQueue',
  async handle(input, deps) {
    const queue = queueOf(input, deps);
    await deps.queues.delete(queue);
    deps.messages.wake(queue);
    return {};
  },
};
