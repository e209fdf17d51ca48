// The queue operations the console needs: list with counts and dead-letter links, peek at
// messages without receiving them, and remove or move messages for a redrive.

export interface QueueSummary {
  readonly name: string;
  readonly arn: string;
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
  /** The queue's RedrivePolicy target, when it has one. */
  readonly deadLetterTargetArn: string | null;
  /** Names of the queues whose RedrivePolicy points here (non-empty for a dead-letter queue). */
  readonly deadLetterSources: readonly string[];
}

export interface PeekedMessage {
  readonly seq: number;
  readonly messageId: string;
  readonly body: string;
  readonly sentAtMs: number;
  readonly receiveCount: number;
  /** Set when SQS moved the message here from a source queue. */
  readonly deadLetterSourceArn: string | null;
}

export interface QueuePort {
  list(): readonly QueueSummary[];
  /** The oldest `limit` unexpired messages, in enqueue order, without changing them; undefined for an unknown queue. */
  peek(name: string, limit: number): readonly PeekedMessage[] | undefined;
  /** Moves the message back to the queue (by ARN) it was dead-lettered from, visible at once and never received. */
  moveToSource(name: string, seq: number, sourceArn: string): Promise<boolean>;
  /** Deletes a message (after its records were put back into their stream). */
  remove(name: string, seq: number): Promise<boolean>;
}
