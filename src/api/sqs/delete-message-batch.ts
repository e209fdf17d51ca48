// DeleteMessageBatch: DeleteMessage per entry; bad handles are listed in Failed.

import type { Operation } from '../operation.js';
import { batchEntries, failedEntry } from './batch-entries.js';
import { queueOf } from './queue-url.js';
import type { SqsDeps } from './sqs-deps.js';
import { requiredString } from './sqs-input.js';

export const deleteMessageBatch: Operation<SqsDeps> = {
  name: 'DeleteMessageBatch',
  async handle(input, deps) {
    const queue = queueOf(input, deps);
    const successful: Record<string, unknown>[] = [];
    const failed: Record<string, unknown>[] = [];
    for (const entry of batchEntries(input, 'DeleteMessageBatchRequestEntry')) {
      const id = entry.Id as string;
      try {
        await deps.messages.delete(queue, requiredString(entry, 'ReceiptHandle'));
        successful.push({ Id: id });
      } catch (err) {
        failed.push(failedEntry(id, err));
      }
    }
    return { Successful: successful, Failed: failed };
  },
};
