// ParallelizationFactor lanes (ESM.md §7): a record goes to lane hash(partitionKey) mod factor,
// so records with one partition key always share a lane (in order, never concurrently).

/** The lane (0 … factor-1) of a partition key; FNV-1a over its UTF-16 code units. */
export function laneOf(partitionKey: string, factor: number): number {
  if (factor <= 1) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < partitionKey.length; i++) {
    hash ^= partitionKey.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % factor;
}
