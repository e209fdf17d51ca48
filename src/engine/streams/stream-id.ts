// Stream incarnation ids: random, shaped like AWS's StreamId (`[a-z0-9]{20}-[a-z0-9]{3}`), and
// safe as the first segment of a RecordLog shard key.

import { randomBytes } from 'node:crypto';

export function newStreamId(): string {
  const hex = randomBytes(12).toString('hex');
  return `${hex.slice(0, 20)}-${hex.slice(20, 23)}`;
}
