// PurgeQueue: deletes every message (in flight too) at once; again within 60 s is refused (403).

import type { Operation } from '../operation.js';
import { queueOf } from './queue-url.js';
import type { SqsDeps } from './sqs-deps.js';

export const purgeQueue: Operation<SqsDeps> = {
  name: 'PurgeQueue',
  async handle(input, deps) {
    await deps.messages.purge(queueOf(input, deps));
    return {};
  },
};
