// ListQueueTags: the queue's tags; no Tags member when it has none.

import type { Operation } from '../operation.js';
import { queueOf } from './queue-url.js';
import type { SqsDeps } from './sqs-deps.js';

export const listQueueTags: Operation<SqsDeps> = {
  name: 'ListQueueTags',
  async handle(input, deps) {
    const tags = queueOf(input, deps).record.tags;
    return Object.keys(tags).length === 0 ? {} : { Tags: { ...tags } };
  },
};
