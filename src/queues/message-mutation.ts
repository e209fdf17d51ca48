// A set of message changes across queues that is applied to memory at once (so concurrent
// requests never see or hand out the same message twice) and then committed to the StateStore
// in one transaction; if the commit fails, memory is rolled back.

import type { StateOp, StateStore } from '../storage/state-store.js';
import type { LiveQueue } from './live-queue.js';
import { MESSAGES_COLLECTION, messageKey, type MessageRecord } from './queue-records.js';

interface Change {
  readonly queue: LiveQueue;
  readonly seq: number;
  readonly before: MessageRecord | undefined;
  readonly after: MessageRecord | undefined;
}

export class MessageMutation {
  private readonly changes: Change[] = [];
  private readonly extraOps: StateOp[] = [];

  get size(): number {
    return this.changes.length + this.extraOps.length;
  }

  /** Puts `message` into `queue` now (in memory). */
  put(queue: LiveQueue, message: MessageRecord): void {
    this.changes.push({ queue, seq: message.seq, before: queue.messages.get(message.seq), after: message });
    queue.messages.set(message.seq, message);
  }

  /** Removes message `seq` from `queue` now (in memory). */
  remove(queue: LiveQueue, seq: number): void {
    const before = queue.messages.get(seq);
    if (before === undefined) return;
    this.changes.push({ queue, seq, before, after: undefined });
    queue.messages.delete(seq);
  }

  /** Adds a non-message op (e.g. a queue record update) to the same transaction. */
  also(op: StateOp): void {
    this.extraOps.push(op);
  }

  /** Commits everything in one transaction; on failure restores memory and rethrows. */
  async commit(store: StateStore): Promise<void> {
    if (this.size === 0) return;
    const ops: StateOp[] = this.changes.map(({ queue, seq, after }) =>
      after === undefined
        ? { kind: 'delete', collection: MESSAGES_COLLECTION, key: messageKey(queue.record.id, seq) }
        : { kind: 'put', collection: MESSAGES_COLLECTION, key: messageKey(queue.record.id, seq), value: after },
    );
    try {
      await store.commit([...ops, ...this.extraOps]);
    } catch (err) {
      for (const { queue, seq, before } of [...this.changes].reverse()) {
        if (before === undefined) queue.messages.delete(seq);
        else queue.messages.set(seq, before);
      }
      throw err;
    }
  }
}
