// The queues of one account and region: create (idempotent), look up by name or ARN, list,
// change attributes and tags, delete. Queue records and their messages are loaded from the
// StateStore at start; every change is committed before it is visible to clients.

import { randomBytes } from 'node:crypto';
import type { Clock } from '../engine/clock.js';
import type { StateStore } from '../storage/state-store.js';
import { LiveQueue } from './live-queue.js';
import {
  FifoUnsupportedError,
  QueueAttributeValueError,
  QueueMissingError,
  QueueNameTakenError,
} from './queue-errors.js';
import { MESSAGES_COLLECTION, QUEUES_COLLECTION, messageKey, queueKey, type MessageRecord, type QueueRecord } from './queue-records.js';
import { effectiveAttributes, normalizeAttributes } from './queue-settings.js';

export interface QueueRegistryOptions {
  readonly store: StateStore;
  readonly clock: Clock;
  readonly accountId: string;
  readonly region: string;
}

export class QueueRegistry {
  private readonly queues = new Map<string, LiveQueue>();

  constructor(private readonly options: QueueRegistryOptions) {}

  get accountId(): string {
    return this.options.accountId;
  }

  /** Loads every queue and message of this account from the store. */
  async load(): Promise<void> {
    const { store, accountId } = this.options;
    const byId = new Map<string, LiveQueue>();
    for (const { value } of await store.list<QueueRecord>(QUEUES_COLLECTION, { prefix: `${accountId}/` })) {
      const queue = new LiveQueue(value, this.arnOf(value.name));
      this.queues.set(value.name, queue);
      byId.set(value.id, queue);
    }
    for (const { key, value } of await store.list<MessageRecord>(MESSAGES_COLLECTION)) {
      byId.get(key.slice(0, key.indexOf('/')))?.restore(value);
    }
  }

  arnOf(name: string): string {
    return `arn:aws:sqs:${this.options.region}:${this.options.accountId}:${name}`;
  }

  get(name: string): LiveQueue | undefined {
    return this.queues.get(name);
  }

  /** The queue called `name`; throws QueueMissingError. */
  require(name: string): LiveQueue {
    const queue = this.queues.get(name);
    if (!queue) throw new QueueMissingError(name);
    return queue;
  }

  /** The queue with this ARN (account and name must match ours; any region is accepted). */
  byArn(arn: string): LiveQueue | undefined {
    const parts = arn.split(':');
    if (parts.length !== 6 || parts[0] !== 'arn' || parts[2] !== 'sqs' || parts[4] !== this.options.accountId) return undefined;
    return this.queues.get(parts[5]!);
  }

  /** Queues whose name starts with `prefix`, sorted by name. */
  list(prefix = ''): LiveQueue[] {
    return [...this.queues.values()].filter((q) => q.name.startsWith(prefix)).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** Queues whose RedrivePolicy targets `queue`, sorted by name. */
  deadLetterSources(queue: LiveQueue): LiveQueue[] {
    return this.list().filter((q) => q.settings.redrivePolicy?.deadLetterTargetArn === queue.arn);
  }

  /**
   * Creates the queue, or returns the existing one when every given attribute has the same value.
   * Throws QueueNameTakenError, UnknownQueueAttributeError, QueueAttributeValueError,
   * FifoUnsupportedError.
   */
  async create(name: string, attributes: Readonly<Record<string, string>>, tags: Readonly<Record<string, string>>): Promise<LiveQueue> {
    const normalized = this.checked(attributes);
    const existing = this.queues.get(name);
    if (existing) {
      const current = effectiveAttributes(existing.record.attributes);
      for (const [attribute, value] of Object.entries(normalized)) {
        if (attribute !== 'FifoQueue' && (current[attribute] ?? '') !== value) throw new QueueNameTakenError(attribute);
      }
      return existing;
    }
    const now = this.options.clock.now();
    const stored = Object.fromEntries(Object.entries(normalized).filter(([k, v]) => v !== '' && k !== 'FifoQueue'));
    const record: QueueRecord = {
      id: randomBytes(8).toString('hex'),
      name,
      accountId: this.options.accountId,
      region: this.options.region,
      createdAt: now,
      lastModifiedAt: now,
      attributes: stored,
      tags: { ...tags },
    };
    const queue = new LiveQueue(record, this.arnOf(name));
    this.queues.set(name, queue);
    try {
      await this.put(record, 0);
    } catch (err) {
      this.queues.delete(name);
      throw err;
    }
    return queue;
  }

  /** Sets attributes (empty RedrivePolicy removes it); same errors as create. */
  async setAttributes(queue: LiveQueue, attributes: Readonly<Record<string, string>>): Promise<void> {
    const normalized = this.checked(attributes);
    const merged: Record<string, string> = { ...queue.record.attributes };
    for (const [attribute, value] of Object.entries(normalized)) {
      if (value === '' || attribute === 'FifoQueue') delete merged[attribute];
      else merged[attribute] = value;
    }
    await this.replace(queue, { ...queue.record, attributes: merged, lastModifiedAt: this.options.clock.now() });
  }

  async tag(queue: LiveQueue, tags: Readonly<Record<string, string>>): Promise<void> {
    await this.replace(queue, { ...queue.record, tags: { ...queue.record.tags, ...tags } });
  }

  async untag(queue: LiveQueue, keys: readonly string[]): Promise<void> {
    const tags = { ...queue.record.tags };
    for (const key of keys) delete tags[key];
    await this.replace(queue, { ...queue.record, tags });
  }

  /** Commits `record` for `queue` and then makes it current. */
  async replace(queue: LiveQueue, record: QueueRecord): Promise<void> {
    await this.put(record);
    queue.update(record);
  }

  /** Deletes the queue and all its messages in one transaction. */
  async delete(queue: LiveQueue): Promise<void> {
    const { store } = this.options;
    await store.commit([
      { kind: 'delete', collection: QUEUES_COLLECTION, key: queueKey(queue.record.accountId, queue.name) },
      ...[...queue.messages.keys()].map((seq) => ({ kind: 'delete' as const, collection: MESSAGES_COLLECTION, key: messageKey(queue.record.id, seq) })),
    ]);
    queue.deleted = true;
    queue.messages.clear();
    if (this.queues.get(queue.name) === queue) this.queues.delete(queue.name);
  }

  private checked(attributes: Readonly<Record<string, string>>): Record<string, string> {
    const normalized = normalizeAttributes(attributes);
    if (normalized.FifoQueue === 'true') throw new FifoUnsupportedError();
    const redrive = normalized.RedrivePolicy;
    if (redrive && !this.byArn((JSON.parse(redrive) as { deadLetterTargetArn: string }).deadLetterTargetArn)) {
      throw new QueueAttributeValueError('RedrivePolicy', attributes.RedrivePolicy ?? redrive, { kind: 'no-target' });
    }
    return normalized;
  }

  private async put(record: QueueRecord, expectedVersion?: number): Promise<void> {
    const key = queueKey(record.accountId, record.name);
    await this.options.store.commit([
      { kind: 'put', collection: QUEUES_COLLECTION, key, value: record, ...(expectedVersion === undefined ? {} : { expectedVersion }) },
    ]);
  }
}
