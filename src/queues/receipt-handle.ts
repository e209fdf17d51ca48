// Receipt handles: opaque to clients, new on every receive. A handle names the queue incarnation,
// the message and the receive that issued it, so a stale handle (issued before a later receive)
// and a handle of another queue are both recognised.

import { randomBytes } from 'node:crypto';

export interface ReceiptHandleParts {
  readonly queueId: string;
  readonly seq: number;
  readonly messageId: string;
  /** The receive token; matches the message's current one only for the latest receive. */
  readonly token: string;
}

const PARTS = /^([0-9a-f]+):(\d+):([0-9a-f-]{36}):([0-9a-f]+)$/;

/** A fresh receive token. */
export function newReceiptToken(): string {
  return randomBytes(12).toString('hex');
}

export function encodeReceiptHandle(parts: ReceiptHandleParts): string {
  return Buffer.from(`${parts.queueId}:${parts.seq}:${parts.messageId}:${parts.token}`, 'latin1').toString('base64');
}

/** The parts of a handle, or undefined when it is not one this server issued. */
export function decodeReceiptHandle(handle: string): ReceiptHandleParts | undefined {
  if (!/^[A-Za-z0-9+/]+=*$/.test(handle)) return undefined;
  const match = PARTS.exec(Buffer.from(handle, 'base64').toString('latin1'));
  if (!match) return undefined;
  const seq = Number(match[2]);
  if (!Number.isSafeInteger(seq)) return undefined;
  return { queueId: match[1]!, seq, messageId: match[3]!, token: match[4]! };
}
