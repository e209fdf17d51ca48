// QueuePort over the live queue registry: reads LiveQueue state directly and changes messages
// through MessageMutation, the same transactional path SQS operations use.

import type { Clock } from '../engine/clock.js';
import type { MessageService } from '../queues/message-service.js';
import { MessageMutation } from '../queues/message-mutation.js';
import type { QueueRegistry } from '../queues/queue-registry.js';
import type { StateStore } from '../storage/state-store.js';
import type { PeekedMessage, QueuePort, QueueSummary } from './queue-port.js';

export class RegistryQueuePort implements QueuePort {
  constructor(private readonly options: { registry: QueueRegistry; messages: MessageService; store: StateStore; clock: Clock }) {}

  list(): readonly QueueSummary[] {
    const { registry, clock } = this.options;
    const now = clock.now();
    return registry.list().map((q) => {
      const counts = q.counts(now);
      return {
        name: q.name,
        arn: q.arn,
        visible: counts.visible,
        inFlight: counts.notVisible,
        delayed: counts.delayed,
        deadLetterTargetArn: q.settings.redrivePolicy?.deadLetterTargetArn ?? null,
        deadLetterSources: registry.deadLetterSources(q).map((s) => s.name),
      };
    });
  }

  peek(name: string, limit: number): readonly PeekedMessage[] | undefined {
    const queue = this.options.registry.get(name);
    if (queue === undefined) return undefined;
    const now = this.options.clock.now();
    const out: PeekedMessage[] = [];
    for (const m of queue.messages.values()) {
      if (out.length >= limit) break;
      if (queue.expired(m, now)) continue;
      out.push({
        seq: m.seq,
        messageId: m.messageId,
        body: m.body,
        sentAtMs: m.sentAt,
        receiveCount: m.receiveCount,
        deadLetterSourceArn: m.deadLetterSourceArn ?? null,
      });
    }
    return out;
  }

  async moveToSource(name: string, seq: number, sourceArn: string): Promise<boolean> {
    const { registry, messages, store, clock } = this.options;
    const queue = registry.get(name);
    const source = registry.byArn(sourceArn);
    const message = queue?.messages.get(seq);
    if (!queue || !source || !message) return false;
    const { receiptToken: _t, receivedAt: _r, firstReceiveAt: _f, deadLetterSourceArn: _d, ...kept } = message;
    const mutation = new MessageMutation();
    mutation.remove(queue, seq);
    mutation.put(source, { ...kept, seq: source.nextSeq(), visibleAt: clock.now(), receiveCount: 0 });
    await mutation.commit(store);
    messages.wake(source);
    return true;
  }

  async remove(name: string, seq: number): Promise<boolean> {
    const queue = this.options.registry.get(name);
    if (!queue?.messages.has(seq)) return false;
    const mutation = new MessageMutation();
    mutation.remove(queue, seq);
    await mutation.commit(this.options.store);
    return true;
  }
}
