// ListQueues: URLs sorted by name, filtered by prefix; NextToken only when MaxResults is given
// and more remain (the token is the base64 of the last name listed).

import { invalidParameterValue } from '../../errors/sqs-errors.js';
import type { Operation } from '../operation.js';
import { queueUrl } from './queue-url.js';
import type { SqsDeps } from './sqs-deps.js';
import { integerInRange } from './sqs-input.js';

const MAX_LISTED = 1000;

export const listQueues: Operation<SqsDeps> = {
  name: 'ListQueues',
  async handle(input, deps) {
    const max = integerInRange(input, 'MaxResults', 1, MAX_LISTED, 'MaxResults must be an integer between 1 and 1000.');
    let queues = deps.queues.list((input.QueueNamePrefix as string | undefined) ?? '');
    const token = input.NextToken as string | undefined;
    if (token !== undefined && token !== '') {
      const after = Buffer.from(token, 'base64').toString('utf8');
      if (after === '' || Buffer.from(after, 'utf8').toString('base64') !== token) throw invalidParameterValue('Invalid NextToken value.');
      queues = queues.filter((q) => q.name > after);
    }
    const page = queues.slice(0, max ?? MAX_LISTED);
    if (page.length === 0) return {};
    const more = max !== undefined && queues.length > page.length;
    return {
      QueueUrls: page.map((q) => queueUrl(deps, q)),
      ...(more ? { NextToken: Buffer.from(page[page.length - 1]!.name, 'utf8').toString('base64') } : {}),
    };
  },
};
