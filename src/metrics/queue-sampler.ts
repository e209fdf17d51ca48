// Samples every queue's message counts (visible, in flight, delayed) into the SQS gauges; run by
// the hub once a second and before each scrape. Counting walks a queue's messages, so it costs
// O(messages) per second: cheap for the local queues Tributary keeps (dead-letter queues mostly).

import type { MessageCounts } from '../queues/live-queue.js';
import type { GaugeHandle, MetricsHub } from './metrics-hub.js';

export interface SampledQueue {
  readonly name: string;
  readonly deleted: boolean;
  counts(now: number): MessageCounts;
}

interface QueueGauges {
  readonly visible: GaugeHandle;
  readonly notVisible: GaugeHandle;
  readonly delayed: GaugeHandle;
}

export function queueSampler(hub: MetricsHub, queues: { list(): readonly SampledQueue[] }, now: () => number): () => void {
  const gauges = new Map<string, QueueGauges>();
  return () => {
    const at = now();
    for (const queue of queues.list()) {
      if (queue.deleted) continue;
      let g = gauges.get(queue.name);
      if (g === undefined) {
        const l = { QueueName: queue.name };
        g = {
          visible: hub.gauge('sqs:ApproximateNumberOfMessagesVisible', l),
          notVisible: hub.gauge('sqs:ApproximateNumberOfMessagesNotVisible', l),
          delayed: hub.gauge('sqs:ApproximateNumberOfMessagesDelayed', l),
        };
        gauges.set(queue.name, g);
      }
      const counts = queue.counts(at);
      g.visible.set(counts.visible);
      g.notVisible.set(counts.notVisible);
      g.delayed.set(counts.delayed);
    }
  };
}
