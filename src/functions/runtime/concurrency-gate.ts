// Admission control for one function: at most `limit` invocations run at once, at most
// `maxWaiting` more wait in FIFO order for a slot, and anything beyond that is turned away
// (the caller reports it as throttling). Slots are handed directly to the oldest waiter.

export class GateClosedError extends Error {
  constructor() {
    super('gate closed');
    this.name = 'GateClosedError';
  }
}

export class ConcurrencyGate {
  private running = 0;
  private readonly waiting: { resolve: () => void; reject: (err: Error) => void }[] = [];
  private closed = false;

  constructor(
    private readonly limit: number,
    private readonly maxWaiting: number,
  ) {}

  /** Invocations holding a slot. */
  get active(): number {
    return this.running;
  }

  /** Invocations waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Takes a slot. Returns true when one was free, a promise that resolves once one is handed over
   * (rejects with GateClosedError if the gate closes first), or false when the waiting line is full.
   * Every true or resolved promise must be paired with exactly one leave().
   */
  enter(): boolean | Promise<void> {
    if (this.closed) return Promise.reject(new GateClosedError());
    if (this.running < this.limit) {
      this.running++;
      return true;
    }
    if (this.waiting.length >= this.maxWaiting) return false;
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** Gives the slot back: to the oldest waiter if any, else frees it. */
  leave(): void {
    const next = this.waiting.shift();
    if (next) next.resolve();
    else this.running--;
  }

  /** Rejects every waiter and every later enter(). Running holders still call leave(). */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new GateClosedError());
  }
}
