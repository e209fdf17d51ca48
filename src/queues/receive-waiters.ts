// Long polling without busy loops: a ReceiveMessage that finds nothing parks here until a send
// (or a visibility change) wakes its queue, or until a timer fires at its deadline or at the time
// the next message becomes visible. Timers are injected so tests can drive them with a ManualClock.

/** Schedules a callback; returns a function that cancels it. */
export interface TimerPort {
  schedule(callback: () => void, delayMs: number): () => void;
}

export const realTimers: TimerPort = {
  schedule(callback, delayMs) {
    const timer = setTimeout(callback, Math.max(0, delayMs));
    timer.unref();
    return () => clearTimeout(timer);
  },
};

export class ReceiveWaiters {
  private readonly waiting = new Map<string, Set<() => void>>();
  private closed = false;
  private count = 0;

  constructor(
    private readonly timers: TimerPort,
    /** Upper bound on parked receives across all queues; beyond it a receive returns at once. */
    private readonly maxWaiters = 10_000,
  ) {}

  /**
   * Resolves true when `wake(key)` or `close()` is called, or after `delayMs` (at once when it
   * is not positive). Resolves false at once when closed or when `maxWaiters` receives are
   * already parked: the caller should stop waiting then.
   */
  wait(key: string, delayMs: number): Promise<boolean> {
    if (this.closed || this.count >= this.maxWaiters) return Promise.resolve(false);
    if (delayMs <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      let set = this.waiting.get(key);
      if (!set) this.waiting.set(key, (set = new Set()));
      const parked = set;
      let cancel = (): void => {};
      const done = (): void => {
        cancel();
        if (parked.delete(done)) this.count--;
        if (parked.size === 0 && this.waiting.get(key) === parked) this.waiting.delete(key);
        resolve(true);
      };
      parked.add(done);
      this.count++;
      cancel = this.timers.schedule(done, delayMs);
    });
  }

  /** Wakes every receive parked on `key`. */
  wake(key: string): void {
    const set = this.waiting.get(key);
    if (!set) return;
    for (const done of [...set]) done();
  }

  /** Wakes everything and makes later waits return at once. */
  close(): void {
    this.closed = true;
    for (const key of [...this.waiting.keys()]) this.wake(key);
  }

  /** Number of parked receives. */
  size(): number {
    return this.count;
  }
}
