// AppendNotifier: wakes readers (event source mapping pollers) waiting for new records in a shard
// the moment an append to it is durable, so an idle poller needs neither a timer nor a busy loop.
// One notifier per RecordLog instance (appendNotifierFor), shared by the put path and the pollers.

import type { RecordLog } from '../../storage/record-log.js';

interface Waiter {
  readonly afterOffset: number;
  readonly wake: () => void;
}

/** Default bound on waiters registered at once (all shards together). */
export const DEFAULT_MAX_APPEND_WAITERS = 100_000;

export class AppendNotifier {
  private readonly waiters = new Map<string, Set<Waiter>>();
  private count = 0;

  constructor(
    private readonly log: Pick<RecordLog, 'bounds'>,
    private readonly maxWaiters = DEFAULT_MAX_APPEND_WAITERS,
  ) {}

  /**
   * Resolves once the shard holds a record at offset >= `afterOffset` (at once if it already
   * does), when `signal` aborts, or when the shard no longer exists. Never rejects, except with a
   * RangeError when maxWaiters waits are already registered (the caller should fall back to a timer).
   */
  waitForAppend(logKey: string, afterOffset: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted || this.ready(logKey, afterOffset)) return Promise.resolve();
    if (this.count >= this.maxWaiters) return Promise.reject(new RangeError(`more than ${this.maxWaiters} append waiters`));
    return new Promise<void>((resolve) => {
      let set = this.waiters.get(logKey);
      if (set === undefined) this.waiters.set(logKey, (set = new Set()));
      const waiter: Waiter = {
        afterOffset,
        wake: () => {
          signal.removeEventListener('abort', waiter.wake);
          if (set.delete(waiter)) this.count--;
          if (set.size === 0 && this.waiters.get(logKey) === set) this.waiters.delete(logKey);
          resolve();
        },
      };
      set.add(waiter);
      this.count++;
      signal.addEventListener('abort', waiter.wake, { once: true });
    });
  }

  /** Tells the waiters of `logKey` that records were appended (call after the append resolved). */
  notify(logKey: string): void {
    const set = this.waiters.get(logKey);
    if (set === undefined) return;
    for (const waiter of [...set]) if (this.ready(logKey, waiter.afterOffset)) waiter.wake();
  }

  /** Number of registered waits (for tests and metrics). */
  get waiting(): number {
    return this.count;
  }

  private ready(logKey: string, afterOffset: number): boolean {
    try {
      return this.log.bounds(logKey).endOffset > afterOffset;
    } catch {
      return true; // the shard is gone: let the caller find out
    }
  }
}

const notifiers = new WeakMap<object, AppendNotifier>();

/** The notifier of this RecordLog instance (created on first use). */
export function appendNotifierFor(log: RecordLog): AppendNotifier {
  let notifier = notifiers.get(log);
  if (notifier === undefined) notifiers.set(log, (notifier = new AppendNotifier(log)));
  return notifier;
}
