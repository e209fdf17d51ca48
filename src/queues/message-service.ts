// Sending, receiving, deleting and re-timing messages of standard queues. Receives hand out
// visible messages in enqueue order with a new receipt handle each; long polls park in
// ReceiveWaiters; messages past retention are dropped as they are met; a message received
// maxReceiveCount times is moved to the dead-letter queue instead of being handed out again.

import { randomUUID } from 'node:crypto';
import type { Clock } from '../engine/clock.js';
import type { StateStore } from '../storage/state-store.js';
import type { LiveQueue } from './live-queue.js';
import { md5OfAttributes, md5OfBody } from './message-md5.js';
import { MessageMutation } from './message-mutation.js';
import {
  MessageNotInflightError,
  MessageUnavailableError,
  PurgeInProgressError,
  ReceiptHandleInvalidError,
  VisibilityLimitError,
} from './queue-errors.js';
import { QUEUES_COLLECTION, queueKey, type MessageRecord, type StoredAttributes } from './queue-records.js';
import type { QueueRegistry } from './queue-registry.js';
import { decodeReceiptHandle, encodeReceiptHandle, newReceiptToken, type ReceiptHandleParts } from './receipt-handle.js';
import { ReceiveWaiters, realTimers, type TimerPort } from './receive-waiters.js';

export interface OutgoingMessage {
  readonly body: string;
  readonly attributes: StoredAttributes;
  readonly systemAttributes: StoredAttributes;
  /** Overrides the queue's DelaySeconds. */
  readonly delaySeconds?: number;
}

export interface SentMessage {
  readonly messageId: string;
  readonly md5OfBody: string;
  readonly md5OfAttributes?: string;
  readonly md5OfSystemAttributes?: string;
}

export interface ReceiveRequest {
  /** 1–10. */
  readonly maxMessages: number;
  /** Seconds; the queue's VisibilityTimeout when absent. */
  readonly visibilityTimeout?: number;
  /** Seconds to wait for a message; the queue's ReceiveMessageWaitTimeSeconds when absent. */
  readonly waitTimeSeconds?: number;
}

export interface ReceivedMessage {
  readonly message: MessageRecord;
  readonly receiptHandle: string;
}

export interface MessageServiceOptions {
  readonly registry: QueueRegistry;
  readonly store: StateStore;
  readonly clock: Clock;
  readonly timers?: TimerPort;
  /** Bound on parked long polls (default 10 000). */
  readonly maxWaiters?: number;
}

const MAX_INVISIBLE_MS = 43_200_000;
const PURGE_INTERVAL_MS = 60_000;

export class MessageService {
  private readonly waiters: ReceiveWaiters;

  constructor(private readonly options: MessageServiceOptions) {
    this.waiters = new ReceiveWaiters(options.timers ?? realTimers, options.maxWaiters);
  }

  /** Enqueues the messages in one transaction; resolves once they are durable. */
  async send(queue: LiveQueue, messages: readonly OutgoingMessage[]): Promise<SentMessage[]> {
    const now = this.options.clock.now();
    const mutation = new MessageMutation();
    const sent: SentMessage[] = [];
    for (const outgoing of messages) {
      const delay = outgoing.delaySeconds ?? queue.settings.delaySeconds;
      const record: MessageRecord = {
        seq: queue.nextSeq(),
        messageId: randomUUID(),
        body: outgoing.body,
        attributes: outgoing.attributes,
        systemAttributes: outgoing.systemAttributes,
        senderId: this.options.registry.accountId,
        sentAt: now,
        visibleAt: now + delay * 1000,
        receiveCount: 0,
      };
      mutation.put(queue, record);
      const md5Attributes = md5OfAttributes(record.attributes);
      const md5System = md5OfAttributes(record.systemAttributes);
      sent.push({
        messageId: record.messageId,
        md5OfBody: md5OfBody(record.body),
        ...(md5Attributes ? { md5OfAttributes: md5Attributes } : {}),
        ...(md5System ? { md5OfSystemAttributes: md5System } : {}),
      });
    }
    await mutation.commit(this.options.store);
    // Parked receives re-check; delayed messages reach them through nextVisibleAt timers.
    this.waiters.wake(queue.record.id);
    return sent;
  }

  /**
   * Up to `maxMessages` visible messages, each made invisible for the visibility timeout. When
   * none is visible, waits up to the wait time for one (returns at once when it arrives).
   */
  async receive(queue: LiveQueue, request: ReceiveRequest): Promise<ReceivedMessage[]> {
    const { clock } = this.options;
    const visibility = request.visibilityTimeout ?? queue.settings.visibilityTimeout;
    const deadline = clock.now() + (request.waitTimeSeconds ?? queue.settings.receiveMessageWaitTimeSeconds) * 1000;
    for (;;) {
      if (queue.deleted) return [];
      const taken = await this.take(queue, request.maxMessages, visibility);
      const now = clock.now();
      if (taken.length > 0 || now >= deadline) return taken;
      const next = queue.nextVisibleAt(now);
      const until = next === undefined ? deadline : Math.min(deadline, next);
      if (!(await this.waiters.wait(queue.record.id, until - now))) return [];
    }
  }

  /** Deletes the message the handle names (also when stale or already gone). */
  async delete(queue: LiveQueue, handle: string): Promise<void> {
    const parts = this.handleOf(queue, handle);
    const message = queue.messages.get(parts.seq);
    if (message === undefined || message.messageId !== parts.messageId) return;
    const mutation = new MessageMutation();
    mutation.remove(queue, parts.seq);
    await mutation.commit(this.options.store);
  }

  /** Makes an in-flight message visible again `seconds` from now (0: at once). */
  async changeVisibility(queue: LiveQueue, handle: string, seconds: number): Promise<void> {
    const now = this.options.clock.now();
    const parts = this.handleOf(queue, handle);
    const message = queue.messages.get(parts.seq);
    if (message === undefined || message.messageId !== parts.messageId || queue.expired(message, now)) {
      throw new MessageUnavailableError(handle);
    }
    if (message.receiveCount === 0 || message.visibleAt <= now) throw new MessageNotInflightError();
    if (now + seconds * 1000 - (message.receivedAt ?? now) > MAX_INVISIBLE_MS) throw new VisibilityLimitError(seconds);
    const mutation = new MessageMutation();
    mutation.put(queue, { ...message, visibleAt: now + seconds * 1000 });
    await mutation.commit(this.options.store);
    if (seconds === 0) this.waiters.wake(queue.record.id);
  }

  /** Deletes every message; refused within 60 s of the previous purge. */
  async purge(queue: LiveQueue): Promise<void> {
    const now = this.options.clock.now();
    const last = queue.record.lastPurgeAt;
    if (last !== undefined && now - last < PURGE_INTERVAL_MS) throw new PurgeInProgressError(queue.name);
    const record = { ...queue.record, lastPurgeAt: now };
    const mutation = new MessageMutation();
    for (const seq of [...queue.messages.keys()]) mutation.remove(queue, seq);
    mutation.also({ kind: 'put', collection: QUEUES_COLLECTION, key: queueKey(record.accountId, record.name), value: record });
    await mutation.commit(this.options.store);
    queue.update(record);
  }

  /** Returns parked receives of `queue` (e.g. after DeleteQueue). */
  wake(queue: LiveQueue): void {
    this.waiters.wake(queue.record.id);
  }

  /** Releases every parked receive (they return no messages). */
  close(): void {
    this.waiters.close();
  }

  private handleOf(queue: LiveQueue, handle: string): ReceiptHandleParts {
    const parts = decodeReceiptHandle(handle);
    if (parts === undefined || parts.queueId !== queue.record.id) throw new ReceiptHandleInvalidError(handle);
    return parts;
  }

  private async take(queue: LiveQueue, max: number, visibilitySeconds: number): Promise<ReceivedMessage[]> {
    const now = this.options.clock.now();
    const redrive = queue.settings.redrivePolicy;
    const target = redrive ? this.options.registry.byArn(redrive.deadLetterTargetArn) : undefined;
    const deadLetter = target !== queue ? target : undefined;
    const mutation = new MessageMutation();
    const taken: ReceivedMessage[] = [];
    for (const message of [...queue.messages.values()]) {
      if (queue.expired(message, now)) {
        mutation.remove(queue, message.seq);
        continue;
      }
      if (taken.length >= max || message.visibleAt > now) continue;
      if (deadLetter && redrive && message.receiveCount >= redrive.maxReceiveCount) {
        mutation.remove(queue, message.seq);
        const { receiptToken: _token, receivedAt: _at, ...kept } = message;
        mutation.put(deadLetter, { ...kept, seq: deadLetter.nextSeq(), visibleAt: now, deadLetterSourceArn: queue.arn });
        continue;
      }
      const token = newReceiptToken();
      const received: MessageRecord = {
        ...message,
        visibleAt: now + visibilitySeconds * 1000,
        receiveCount: message.receiveCount + 1,
        firstReceiveAt: message.firstReceiveAt ?? now,
        receivedAt: now,
        receiptToken: token,
      };
      mutation.put(queue, received);
      taken.push({
        message: received,
        receiptHandle: encodeReceiptHandle({ queueId: queue.record.id, seq: message.seq, messageId: message.messageId, token }),
      });
    }
    await mutation.commit(this.options.store);
    if (deadLetter) this.waiters.wake(deadLetter.record.id);
    return taken;
  }
}
