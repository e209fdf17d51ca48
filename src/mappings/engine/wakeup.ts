// Wakeup: an edge-triggered signal with one consumer. notify() before wait() is remembered, so a
// wake-up between "checked, nothing to do" and "started waiting" is never lost.

export class Wakeup {
  private pending = false;
  private waiter: (() => void) | undefined;

  /** Wakes the current wait, or the next one if nobody is waiting. */
  notify(): void {
    const waiter = this.waiter;
    if (waiter === undefined) {
      this.pending = true;
      return;
    }
    waiter();
  }

  /** Resolves on the next notify (at once if one came since the last wait) or when `signal` aborts. */
  wait(signal: AbortSignal): Promise<void> {
    if (this.pending || signal.aborted) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = (): void => {
        if (this.waiter === done) this.waiter = undefined;
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiter = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
