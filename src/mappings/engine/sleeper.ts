// Sleeper: the mapping engine's only way to wait for time to pass (retry backoff, batching
// windows, tumbling-window ends, idle polls). Tests inject a ManualSleeper driven by a ManualClock.

/** Waits for time to pass. */
export interface Sleeper {
  /**
   * Resolves after `ms` milliseconds (on the next turn when ms <= 0), or as soon as `signal`
   * aborts, whichever comes first. Never rejects.
   */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** Real timers (unref'd, so a pending sleep never keeps the process alive). */
export const timerSleeper: Sleeper = {
  sleep(ms, signal) {
    if (signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      timer.unref();
      signal.addEventListener('abort', done, { once: true });
    });
  },
};
