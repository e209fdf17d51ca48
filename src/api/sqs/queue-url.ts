// Queue URLs: built as `<urlBase>/<account>/<name>` so clients (the JS SDK sends requests to a
// queue URL's origin) reach this server; resolved by their last path segment, whatever host or
// account they name (`http://localhost:4566/000000000000/q`, `https://sqs.us-east-1.amazonaws.com/1234/q`).

import { queueDoesNotExist } from '../../errors/sqs-errors.js';
import type { LiveQueue } from '../../queues/live-queue.js';
import type { OperationInput } from '../operation.js';
import type { SqsDeps } from './sqs-deps.js';
import { requiredString } from './sqs-input.js';

export function queueUrl(deps: SqsDeps, queue: LiveQueue): string {
  return `${deps.urlBase().replace(/\/+$/, '')}/${queue.record.accountId}/${queue.name}`;
}

/** The queue name a QueueUrl points at, or undefined when it has no path. */
export function queueNameOf(url: string): string | undefined {
  let path = url;
  const scheme = url.indexOf('://');
  if (scheme >= 0) {
    const slash = url.indexOf('/', scheme + 3);
    path = slash < 0 ? '' : url.slice(slash);
  }
  const segments = path.split(/[?#]/)[0]!.split('/').filter((s) => s !== '');
  const last = segments[segments.length - 1];
  if (last === undefined) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The queue the input's QueueUrl names; throws MissingParameter or QueueDoesNotExist. */
export function queueOf(input: OperationInput, deps: SqsDeps): LiveQueue {
  const name = queueNameOf(requiredString(input, 'QueueUrl'));
  const queue = name === undefined ? undefined : deps.queues.get(name);
  if (!queue) throw queueDoesNotExist();
  return queue;
}
