// SetQueueAttributes: settable attributes only; an empty RedrivePolicy removes it.

import type { Operation } from '../operation.js';
import { queueOf } from './queue-url.js';
import type { SqsDeps } from './sqs-deps.js';
import { requiredMember } from './sqs-input.js';

export const setQueueAttributes: Operation<SqsDeps> = {
  name: 'SetQueueAttributes',
  async handle(input, deps) {
    const queue = queueOf(input, deps);
    await deps.queues.setAttributes(queue, requiredMember<Record<string, string>>(input, 'Attributes'));
    return {};
  },
};
