// ChangeMessageVisibilityBatch: ChangeMessageVisibility per entry; failures listed in Failed.

import type { Operation } from '../operation.js';
import { batchEntries, failedEntry } from './batch-entries.js';
import { changeVisibility } from './change-message-visibility.js';
import { queueOf } from './queue-url.js';
import type { SqsDeps } from './sqs-deps.js';

export const changeMessageVisibilityBatch: Operation<SqsDeps> = {
  name: 'ChangeMessageVisibilityBatch',
  async handle(input, deps) {
    const queue = queueOf(input, deps);
    const successful: Record<string, unknown>[] = [];
    const failed: Record<string, unknown>[] = [];
    for (const entry of batchEntries(input, 'ChangeMessageVisibilityBatchRequestEntry')) {
      const id = entry.Id as string;
      try {
        await changeVisibility(queue, entry, deps);
        successful.push({ Id: id });
      } catch (err) {
        failed.push(failedEntry(id, err));
      }
    }
    return { Successful: successful, Failed: failed };
  },
};
