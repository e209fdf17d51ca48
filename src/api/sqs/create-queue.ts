// CreateQueue: idempotent for the same name and attribute values; the URL points at this server.

import { invalidQueueName, unsupportedOperation } from '../../errors/sqs-errors.js';
import type { Operation } from '../operation.js';
import { queueUrl } from './queue-url.js';
import type { SqsDeps } from './sqs-deps.js';
import { requiredString } from './sqs-input.js';

const NAME = /^[A-Za-z0-9_-]{1,80}$/;

export const createQueue: Operation<SqsDeps> = {
  name: 'CreateQueue',
  async handle(input, deps) {
    const name = requiredString(input, 'QueueName');
    if (name.endsWith('.fifo')) throw unsupportedOperation('FIFO queues are not supported by Tributary.');
    if (!NAME.test(name)) throw invalidQueueName();
    const attributes = (input.Attributes ?? {}) as Record<string, string>;
    const tags = (input.tags ?? {}) as Record<string, string>;
    const queue = await deps.queues.create(name, attributes, tags);
    return { QueueUrl: queueUrl(deps, queue) };
  },
};
