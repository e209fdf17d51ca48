// SendMessageBatch: up to 10 messages, at most 1 MiB together; entries that fail their own checks
// are listed in Failed, the others are sent in one transaction.

import { batchRequestTooLong } from '../../errors/sqs-errors.js';
import type { OutgoingMessage } from '../../queues/message-service.js';
import type { Operation } from '../operation.js';
import { batchEntries, failedEntry } from './batch-entries.js';
import { checkedMessage, rawSize } from './outgoing-message.js';
import { queueOf } from './queue-url.js';
import { sentFields } from './send-message.js';
import type { SqsDeps } from './sqs-deps.js';

const BATCH_LIMIT = 1_048_576;

export const sendMessageBatch: Operation<SqsDeps> = {
  name: 'SendMessageBatch',
  async handle(input, deps) {
    const queue = queueOf(input, deps);
    const entries = batchEntries(input, 'SendMessageBatchRequestEntry');
    const total = entries.reduce((sum, entry) => sum + rawSize(entry), 0);
    if (total > BATCH_LIMIT) throw batchRequestTooLong(BATCH_LIMIT, total);
    const accepted: { id: string; message: OutgoingMessage }[] = [];
    const failed: Record<string, unknown>[] = [];
    for (const entry of entries) {
      const id = entry.Id as string;
      try {
        accepted.push({ id, message: checkedMessage(entry, queue).message });
      } catch (err) {
        failed.push(failedEntry(id, err));
      }
    }
    const sent = accepted.length === 0 ? [] : await deps.messages.send(queue, accepted.map((a) => a.message));
    return {
      Successful: sent.map((s, i) => ({ Id: accepted[i]!.id, ...sentFields(s) })),
      Failed: failed,
    };
  },
};
