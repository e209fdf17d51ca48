// ChangeMessageVisibility: an in-flight message becomes visible VisibilityTimeout seconds from now.

import type { OperationInput } from '../operation.js';
import type { Operation } from '../operation.js';
import type { LiveQueue } from '../../queues/live-queue.js';
import { queueOf } from './queue-url.js';
import type { SqsDeps } from './sqs-deps.js';
import { integerInRange, requiredMember, requiredString } from './sqs-input.js';

/** Applies one change (shared with the batch operation). */
export async function changeVisibility(queue: LiveQueue, entry: OperationInput, deps: SqsDeps): Promise<void> {
  const handle = requiredString(entry, 'ReceiptHandle');
  requiredMember<number>(entry, 'VisibilityTimeout');
  const seconds = integerInRange(entry, 'VisibilityTimeout', 0, 43_200, 'Total VisibilityTimeout for the message is beyond the limit [43200 seconds]')!;
  await deps.messages.changeVisibility(queue, handle, seconds);
}

export const changeMessageVisibility: Operation<SqsDeps> = {
  name: 'ChangeMessageVisibility',
  async handle(input, deps) {
    await changeVisibility(queueOf(input, deps), input, deps);
    return {};
  },
};
