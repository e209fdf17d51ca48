// ManualSleeper: a Sleeper for tests. Sleeps end only when the test advances its ManualClock
// through it, so retry backoff, batching windows and window ends are tested without real waits.

import type { ManualClock } from '../../engine/clock.js';
import type { Sleeper } from './sleeper.js';

interface PendingSleep {
  readonly until: number;
  readonly ms: number;
  readonly wake: () => void;
}

export class ManualSleeper implements Sleeper {
  private readonly pending = new Set<PendingSleep>();
  private readonly watchers: { ready: () => boolean; resolve: () => void }[] = [];

  constructor(readonly clock: ManualClock) {}

  /** Sleeps of 0 ms or less end at once (retry delays of 0 in tests); longer ones wait for advance(). */
  sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted || ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const entry: PendingSleep = {
        until: this.clock.now() + Math.max(0, ms),
        ms,
        wake: () => {
          signal.removeEventListener('abort', entry.wake);
          this.pending.delete(entry);
          resolve();
        },
      };
      this.pending.add(entry);
      signal.addEventListener('abort', entry.wake, { once: true });
      this.check();
    });
  }

  /** Durations (ms) of the sleeps in progress, in the order they started. */
  get sleeping(): number[] {
    return [...this.pending].map((s) => s.ms);
  }

  /** Resolves once a sleep of exactly `ms` is in progress. */
  untilSleepOf(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.watchers.push({ ready: () => [...this.pending].some((s) => s.ms === ms), resolve });
      this.check();
    });
  }

  /** Moves the clock forward and ends every sleep that is due, in deadline order. */
  advance(ms: number): void {
    this.clock.advance(ms);
    const due = [...this.pending].filter((s) => s.until <= this.clock.now()).sort((a, b) => a.until - b.until);
    for (const entry of due) entry.wake();
  }

  private check(): void {
    for (let i = this.watchers.length - 1; i >= 0; i--) {
      const watcher = this.watchers[i]!;
      if (watcher.ready()) {
        this.watchers.splice(i, 1);
        watcher.resolve();
      }
    }
  }
}
