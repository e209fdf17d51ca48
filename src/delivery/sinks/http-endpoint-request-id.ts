// The X-Amz-Firehose-Request-Id of a batch: a GUID derived from the batch's deterministic key,
// so every retry of the same batch (even after a restart) carries the same id, as Firehose does.

import { createHash } from 'node:crypto';

/** A UUID-formatted (version 5 style) id that depends only on `sourceArn` and `objectKey`. */
export function httpEndpointRequestId(sourceArn: string, objectKey: string): string {
  const h = createHash('sha1').update(sourceArn).update('\0').update(objectKey).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
