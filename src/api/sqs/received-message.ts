// A received message as ReceiveMessage returns it: system attributes and message attributes only
// as requested, MD5OfMessageAttributes over the returned attributes only.

import { md5OfAttributes, md5OfBody } from '../../queues/message-md5.js';
import type { ReceivedMessage } from '../../queues/message-service.js';
import { selectAttributes, wireAttributes } from './message-attributes.js';

/** System attributes in the order SQS lists them, with how to read each from a message. */
const SYSTEM_ATTRIBUTES: readonly (readonly [string, (r: ReceivedMessage['message']) => string | undefined])[] = [
  ['SenderId', (m) => m.senderId],
  ['ApproximateFirstReceiveTimestamp', (m) => (m.firstReceiveAt === undefined ? undefined : String(m.firstReceiveAt))],
  ['ApproximateReceiveCount', (m) => String(m.receiveCount)],
  ['SentTimestamp', (m) => String(m.sentAt)],
  ['AWSTraceHeader', (m) => m.systemAttributes.AWSTraceHeader?.stringValue],
  ['DeadLetterQueueSourceArn', (m) => m.deadLetterSourceArn],
];

export function receivedMessage(received: ReceivedMessage, systemNames: readonly string[], attributeNames: readonly string[]): Record<string, unknown> {
  const { message, receiptHandle } = received;
  const all = systemNames.includes('All');
  const system: Record<string, string> = {};
  for (const [name, read] of SYSTEM_ATTRIBUTES) {
    const value = all || systemNames.includes(name) ? read(message) : undefined;
    if (value !== undefined) system[name] = value;
  }
  const selected = selectAttributes(message.attributes, attributeNames);
  const md5 = md5OfAttributes(selected);
  return {
    MessageId: message.messageId,
    ReceiptHandle: receiptHandle,
    MD5OfBody: md5OfBody(message.body),
    Body: message.body,
    ...(Object.keys(system).length > 0 ? { Attributes: system } : {}),
    ...(md5 ? { MD5OfMessageAttributes: md5, MessageAttributes: wireAttributes(selected) } : {}),
  };
}
