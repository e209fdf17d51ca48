// Every SQS operation Tributary implements, and the model's others (answered UnsupportedOperation
// after their input is validated).

import type { Operation } from '../operation.js';
import { changeMessageVisibility } from './change-message-visibility.js';
import { changeMessageVisibilityBatch } from './change-message-visibility-batch.js';
import { createQueue } from './create-queue.js';
import { deleteMessage } from './delete-message.js';
import { deleteMessageBatch } from './delete-message-batch.js';
import { deleteQueue } from './delete-queue.js';
import { getQueueAttributes } from './get-queue-attributes.js';
import { getQueueUrl } from './get-queue-url.js';
import { listDeadLetterSourceQueues } from './list-dead-letter-source-queues.js';
import { listQueueTags } from './list-queue-tags.js';
import { listQueues } from './list-queues.js';
import { purgeQueue } from './purge-queue.js';
import { receiveMessage } from './receive-message.js';
import { sendMessage } from './send-message.js';
import { sendMessageBatch } from './send-message-batch.js';
import { setQueueAttributes } from './set-queue-attributes.js';
import type { SqsDeps } from './sqs-deps.js';
import { tagQueue } from './tag-queue.js';
import { untagQueue } from './untag-queue.js';

export const sqsOperations: readonly Operation<SqsDeps>[] = [
  createQueue,
  getQueueUrl,
  listQueues,
  deleteQueue,
  getQueueAttributes,
  setQueueAttributes,
  sendMessage,
  sendMessageBatch,
  receiveMessage,
  deleteMessage,
  deleteMessageBatch,
  changeMessageVisibility,
  changeMessageVisibilityBatch,
  purgeQueue,
  tagQueue,
  untagQueue,
  listQueueTags,
  listDeadLetterSourceQueues,
];

export const sqsNotImplemented: readonly string[] = [
  'AddPermission',
  'RemovePermission',
  'StartMessageMoveTask',
  'CancelMessageMoveTask',
  'ListMessageMoveTasks',
];
