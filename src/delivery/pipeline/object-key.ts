// Object names: `<prefix><stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid><ext>` (FIREHOSE.md §5). The
// uuid and random strings derive from a hash of the buffer's identity, so a retried or replayed
// buffer gets the same key and overwrites instead of duplicating.

import { createHash } from 'node:crypto';
import { formatTimestamp } from './timestamp-pattern.js';

/** A UUID-shaped (v4 layout) string derived from `seed`. */
export function deterministicUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** 11 characters like Firehose's `046b6c7f-0b`, derived from `seed`. */
export function deterministicRandomString(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 10)}`;
}

export interface ObjectNameInput {
  readonly prefix: string;
  readonly streamName: string;
  readonly versionId: string;
  /** The instant the prefix was evaluated at (oldest record's arrival), epoch ms. */
  readonly epochMs: number;
  readonly timeZone?: string;
  /** Identity of the buffer's content, e.g. its first and last record ids. */
  readonly seed: string;
  readonly extension: string;
}

export function objectKey(input: ObjectNameInput): string {
  const time = formatTimestamp('yyyy-MM-dd-HH-mm-ss', input.epochMs, input.timeZone);
  return `${input.prefix}${input.streamName}-${input.versionId}-${time}-${deterministicUuid(input.seed)}${input.extension}`;
}
