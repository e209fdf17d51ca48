// Test support: a TimerPort driven by a ManualClock. `advance` moves the clock and fires due
// timers in time order, letting the promise chains they release run between firings.

import type { ManualClock } from '../engine/clock.js';
import type { TimerPort } from './receive-waiters.js';

interface Pending {
  readonly at: number;
  readonly id: number;
  readonly callback: () => void;
}

/** Lets pending promise reactions and I/O callbacks run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class ManualTimers implements TimerPort {
  private pending: Pending[] = [];
  private nextId = 0;

  constructor(private readonly clock: ManualClock) {}

  schedule(callback: () => void, delayMs: number): () => void {
    const entry = { at: this.clock.now() + Math.max(0, delayMs), id: this.nextId++, callback };
    this.pending.push(entry);
    return () => {
      this.pending = this.pending.filter((p) => p !== entry);
    };
  }

  /** Number of scheduled timers. */
  get size(): number {
    return this.pending.length;
  }

  async advance(ms: number): Promise<void> {
    const target = this.clock.now() + ms;
    await settle();
    for (;;) {
      const due = this.pending.filter((p) => p.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.pending = this.pending.filter((p) => p !== due);
      if (due.at > this.clock.now()) this.clock.set(due.at);
      due.callback();
      await settle();
    }
    this.clock.set(target);
    await settle();
  }
}
