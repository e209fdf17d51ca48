// Acknowledges source batches in order once every record in them is settled (delivered, spooled,
// dropped or landed in the error output), so a source checkpoints only what is safe to forget.

import type { SourceBatch } from './delivery-source.js';

/** One source batch's outstanding-record count. */
export interface AckTicket {
  pending: number;
  readonly batch: SourceBatch;
}

export class AckTracker {
  private readonly queue: AckTicket[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly onError: (err: unknown) => void) {}

  /** Starts tracking a batch with `count` records still to settle. */
  track(batch: SourceBatch, count: number): AckTicket {
    const ticket: AckTicket = { pending: count, batch };
    this.queue.push(ticket);
    return ticket;
  }

  /** Settles `n` records of a ticket; acks every leading batch that is complete, in order. */
  settle(ticket: AckTicket, n = 1): void {
    ticket.pending -= n;
    this.drain();
  }

  /** Re-checks the queue (e.g. after tracking an empty batch). */
  drain(): void {
    while (this.queue.length > 0 && this.queue[0]!.pending <= 0) {
      const done = this.queue.shift()!;
      this.chain = this.chain.then(() => done.batch.ack()).catch(this.onError);
    }
  }

  /** Batches tracked and not yet acknowledged. */
  get outstanding(): number {
    return this.queue.length;
  }

  /** Resolves when every ack issued so far has completed. */
  idle(): Promise<void> {
    return this.chain;
  }
}
