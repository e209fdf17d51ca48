// GetQueueUrl: the URL of a queue of this account (QueueOwnerAWSAccountId is not checked).

import { queueDoesNotExist } from '../../errors/sqs-errors.js';
import type { Operation } from '../operation.js';
import { queueUrl } from './queue-url.js';
import type { SqsDeps } from './sqs-deps.js';
import { requiredString } from './sqs-input.js';

export const getQueueUrl: Operation<SqsDeps> = {
  name: 'GetQueueUrl',
  async handle(input, deps) {
    const queue = deps.queues.get(requiredString(input, 'QueueName'));
    if (!queue) throw queueDoesNotExist();
    return { QueueUrl: queueUrl(deps, queue) };
  },
};
