// ListDeadLetterSourceQueues: URLs of the queues whose RedrivePolicy targets this queue.

import type { Operation } from '../operation.js';
import { queueOf, queueUrl } from './queue-url.js';
import type { SqsDeps } from './sqs-deps.js';
import { integerInRange } from './sqs-input.js';

export const listDeadLetterSourceQueues: Operation<SqsDeps> = {
  name: 'ListDeadLetterSourceQueues',
  async handle(input, deps) {
    const queue = queueOf(input, deps);
    const max = integerInRange(input, 'MaxResults', 1, 1000, 'MaxResults must be an integer between 1 and 1000.');
    const sources = deps.queues.deadLetterSources(queue).slice(0, max ?? 1000);
    return { queueUrls: sources.map((q) => queueUrl(deps, q)) };
  },
};
