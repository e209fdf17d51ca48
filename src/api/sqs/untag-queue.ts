// UntagQueue: removes tags by key (unknown keys are ignored).

import type { Operation } from '../operation.js';
import { queueOf } from './queue-url.js';
import type { SqsDeps } from './sqs-deps.js';
import { requiredMember } from './sqs-input.js';

export const untagQueue: Operation<SqsDeps> = {
  name: 'UntagQueue',
  async handle(input, deps) {
    const queue = queueOf(input, deps);
    await deps.queues.untag(queue, requiredMember<string[]>(input, 'TagKeys'));
    return {};
  },
};
