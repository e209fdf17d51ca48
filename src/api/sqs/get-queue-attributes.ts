// GetQueueAttributes: `All` or named attributes; none requested returns no Attributes.

import type { Operation } from '../operation.js';
import { queueAttributes } from './queue-attributes-view.js';
import { queueOf } from './queue-url.js';
import type { SqsDeps } from './sqs-deps.js';

export const getQueueAttributes: Operation<SqsDeps> = {
  name: 'GetQueueAttributes',
  async handle(input, deps, ctx) {
    const queue = queueOf(input, deps);
    const attributes = queueAttributes(queue, ctx.clock.now(), (input.AttributeNames ?? []) as string[]);
    return Object.keys(attributes).length === 0 ? {} : { Attributes: attributes };
  },
};
