// GetQueueAttributes' view of a queue: settable attributes with their defaults, and the derived
// ones (ARN, message counts, timestamps in epoch seconds), in the order AWS lists them.

import { invalidAttributeName } from '../../errors/sqs-errors.js';
import type { LiveQueue } from '../../queues/live-queue.js';
import { effectiveAttributes } from '../../queues/queue-settings.js';

const ORDER = [
  'QueueArn',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'VisibilityTimeout',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'Policy',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'ReceiveMessageWaitTimeSeconds',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
] as const;

/** Names a standard queue never has a value for, but which are not unknown either. */
const FIFO_NAMES = new Set(['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);
const KNOWN = new Set<string>([...ORDER, ...FIFO_NAMES, 'All']);

/** The requested attributes (`All` or names) that have a value; throws InvalidAttributeName. */
export function queueAttributes(queue: LiveQueue, now: number, requested: readonly string[]): Record<string, string> {
  for (const name of requested) if (!KNOWN.has(name)) throw invalidAttributeName(name);
  if (requested.length === 0) return {};
  const all = requested.includes('All');
  const counts = queue.counts(now);
  const record = queue.record;
  const values: Record<string, string> = {
    ...effectiveAttributes(record.attributes),
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.notVisible),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(Math.floor(record.createdAt / 1000)),
    LastModifiedTimestamp: String(Math.floor(record.lastModifiedAt / 1000)),
  };
  const out: Record<string, string> = {};
  for (const name of ORDER) {
    if ((all || requested.includes(name)) && values[name] !== undefined) out[name] = values[name];
  }
  return out;
}
