// Test support: a queue registry and message service over an in-memory SQLite store, driven by
// a ManualClock and ManualTimers.

import { ManualClock } from '../engine/clock.js';
import { SqliteStateStore } from '../storage/sqlite/sqlite-state-store.js';
import type { StateStore } from '../storage/state-store.js';
import { ManualTimers } from './manual-timers.test-support.js';
import { MessageService } from './message-service.js';
import { QueueRegistry } from './queue-registry.js';

export interface TestEngine {
  readonly store: StateStore;
  readonly clock: ManualClock;
  readonly timers: ManualTimers;
  readonly registry: QueueRegistry;
  readonly messages: MessageService;
  /** A second registry + service loaded from the same store, as after a restart. */
  reopen(): Promise<{ registry: QueueRegistry; messages: MessageService }>;
  close(): Promise<void>;
}

export async function startTestEngine(store: StateStore = new SqliteStateStore({ path: ':memory:' })): Promise<TestEngine> {
  await store.open();
  const clock = new ManualClock();
  const timers = new ManualTimers(clock);
  const make = async (): Promise<{ registry: QueueRegistry; messages: MessageService }> => {
    const registry = new QueueRegistry({ store, clock, accountId: '000000000000', region: 'us-east-1' });
    await registry.load();
    return { registry, messages: new MessageService({ registry, store, clock, timers }) };
  };
  const { registry, messages } = await make();
  return {
    store,
    clock,
    timers,
    registry,
    messages,
    reopen: make,
    async close() {
      messages.close();
      await store.close();
    },
  };
}
