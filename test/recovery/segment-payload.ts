// Deterministic record payloads for the segment crash test: a partition key fully determines its
// data, so any stored record can be checked for completeness and correctness.
import { createHash } from 'node:crypto';

export function payloadFor(partitionKey: string): Buffer {
  const seed = createHash('sha256').update(partitionKey).digest();
  const length = 1 + (seed.readUInt16LE(0) % 900);
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = seed[i % 32]! ^ (i & 0xff);
  return out;
}
