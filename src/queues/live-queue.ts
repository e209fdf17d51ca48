// One queue as the engine holds it in memory: its durable record, its typed settings, and its
// messages in enqueue order. Every message is in exactly one state, decided by time:
// delayed (never received, not yet visible), in flight (received, not yet visible again), visible.

import type { MessageRecord, QueueRecord } from './queue-records.js';
import { settingsOf, type QueueSettings } from './queue-settings.js';

export interface MessageCounts {
  readonly visible: number;
  readonly notVisible: number;
  readonly delayed: number;
}

export class LiveQueue {
  /** Messages by sequence number; Map iteration order is enqueue order. */
  readonly messages = new Map<number, MessageRecord>();
  private settingsCache: QueueSettings;
  private seq = 0;
  /** Set once DeleteQueue committed; parked receives return empty. */
  deleted = false;

  constructor(
    private current: QueueRecord,
    /** `arn:aws:sqs:<region>:<account>:<name>`. */
    readonly arn: string,
  ) {
    this.settingsCache = settingsOf(current.attributes);
  }

  get record(): QueueRecord {
    return this.current;
  }

  get name(): string {
    return this.current.name;
  }

  get settings(): QueueSettings {
    return this.settingsCache;
  }

  /** Replaces the record (after it was committed) and recomputes the settings. */
  update(record: QueueRecord): void {
    this.current = record;
    this.settingsCache = settingsOf(record.attributes);
  }

  /** Adds a loaded message, keeping the sequence counter above it. */
  restore(message: MessageRecord): void {
    this.messages.set(message.seq, message);
    if (message.seq > this.seq) this.seq = message.seq;
  }

  /** The next sequence number (never reused within this incarnation). */
  nextSeq(): number {
    return ++this.seq;
  }

  /** Whether `message` is past the retention period at `now`. */
  expired(message: MessageRecord, now: number): boolean {
    return now - message.sentAt >= this.settingsCache.messageRetentionPeriod * 1000;
  }

  counts(now: number): MessageCounts {
    let visible = 0;
    let notVisible = 0;
    let delayed = 0;
    for (const message of this.messages.values()) {
      if (this.expired(message, now)) continue;
      if (message.visibleAt <= now) visible++;
      else if (message.receiveCount > 0) notVisible++;
      else delayed++;
    }
    return { visible, notVisible, delayed };
  }

  /** The earliest time after `now` at which a message becomes visible, if any will. */
  nextVisibleAt(now: number): number | undefined {
    let next: number | undefined;
    for (const message of this.messages.values()) {
      if (message.visibleAt > now && (next === undefined || message.visibleAt < next)) next = message.visibleAt;
    }
    return next;
  }
}
