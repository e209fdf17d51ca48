// TagQueue: adds or replaces tags.

import type { Operation } from '../operation.js';
import { queueOf } from './queue-url.js';
import type { SqsDeps } from './sqs-deps.js';
import { requiredMember } from './sqs-input.js';

export const tagQueue: Operation<SqsDeps> = {
  name: 'TagQueue',
  async handle(input, deps) {
    const queue = queueOf(input, deps);
    await deps.queues.tag(queue, requiredMember<Record<string, string>>(input, 'Tags'));
    return {};
  },
};
