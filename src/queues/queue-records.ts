// The durable shapes of the queue engine: one QueueRecord per queue and one MessageRecord per
// message, stored as JSON documents in the StateStore (collections below). Times are epoch ms.

export const QUEUES_COLLECTION = 'sqs-queues';
export const MESSAGES_COLLECTION = 'sqs-messages';

/** A message attribute as stored: binary values as base64 text (StateStore values are JSON). */
export interface StoredAttribute {
  readonly dataType: string;
  readonly stringValue?: string;
  readonly binaryValue?: string;
}

export type StoredAttributes = Readonly<Record<string, StoredAttribute>>;

export interface QueueRecord {
  /** Random hex id of this incarnation; message keys start with it. */
  readonly id: string;
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly createdAt: number;
  readonly lastModifiedAt: number;
  /** Settable attributes that were set (defaults are not stored), values as AWS spells them. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  /** When the last PurgeQueue ran (a second one within 60 s is refused). */
  readonly lastPurgeAt?: number;
}

export interface MessageRecord {
  /** Enqueue order within the queue; part of the key. */
  readonly seq: number;
  readonly messageId: string;
  readonly body: string;
  readonly attributes: StoredAttributes;
  readonly systemAttributes: StoredAttributes;
  readonly senderId: string;
  /** Original enqueue time; retention and SentTimestamp count from it, also after a redrive. */
  readonly sentAt: number;
  /** The message can be received from this time on (delay, or the end of its invisibility). */
  readonly visibleAt: number;
  readonly receiveCount: number;
  readonly firstReceiveAt?: number;
  /** Time of the receive that made it in flight (invisibility may not exceed 12 h from it). */
  readonly receivedAt?: number;
  /** Random token of the latest receive; a receipt handle carries it. */
  readonly receiptToken?: string;
  /** Set when a redrive moved the message here from its source queue. */
  readonly deadLetterSourceArn?: string;
}

/** The StateStore key of a message: queue id, then the zero-padded sequence number. */
export function messageKey(queueId: string, seq: number): string {
  return `${queueId}/${seq.toString().padStart(16, '0')}`;
}

/** The StateStore key of a queue: account, then name (names are unique per account and region). */
export function queueKey(accountId: string, name: string): string {
  return `${accountId}/${name}`;
}
