// The check behind the ESM crash test: given the records acknowledged per shard and the batches a
// function received (in order, split into runs by the kills), every run must continue exactly
// where the previous one stopped; after a kill only the last batch before it may come again.

/** One invocation as the crash test's handler logs it. */
export interface Batch {
  readonly shardId: string;
  readonly seqs: readonly string[];
}

export interface ResumptionReport {
  /** Everything that breaks the rule, one line each (empty when the run was correct). */
  readonly problems: string[];
  /** Records delivered a second time because their batch was in flight at a kill. */
  readonly redelivered: number;
  /** Per kill, how each shard resumed: `next` (after the last batch) or `redo` (the in-flight batch again). */
  readonly resumptions: string[];
}

/**
 * @param acked shard id → sequence numbers acknowledged by PutRecords
 * @param batches the function's batches in invocation order
 * @param boundaries number of batches already logged at each kill (ascending)
 */
export function checkResumption(acked: ReadonlyMap<string, readonly string[]>, batches: readonly Batch[], boundaries: readonly number[]): ResumptionReport {
  const problems: string[] = [];
  const resumptions: string[][] = boundaries.map(() => []);
  let redelivered = 0;
  for (const [shardId, seqs] of acked) {
    const order = [...seqs].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
    const position = new Map(order.map((s, i) => [s, i] as const));
    let next = 0;
    let last: { start: number; end: number } | undefined;
    let run = 0;
    let firstOfRun = false;
    batches.forEach((batch, line) => {
      while (run < boundaries.length && line >= boundaries[run]!) {
        run++;
        firstOfRun = true;
      }
      if (batch.shardId !== shardId) return;
      const at = batch.seqs.map((s) => position.get(s));
      if (at.some((p) => p === undefined)) return void problems.push(`${shardId} batch ${line}: a sequence number that was never acknowledged`);
      const start = at[0]!;
      const end = at[at.length - 1]!;
      if (at.some((p, i) => p !== start + i)) problems.push(`${shardId} batch ${line}: records not consecutive (positions ${at.join(',')})`);
      if (firstOfRun && run > 0) {
        firstOfRun = false;
        if (start === next) resumptions[run - 1]!.push(`${shardId.slice(-1)} next`);
        else if (last !== undefined && start === last.start) {
          resumptions[run - 1]!.push(`${shardId.slice(-1)} redo`);
          redelivered += Math.min(end, last.end) - start + 1;
        } else {
          problems.push(`${shardId}: after kill ${run} delivery resumed at position ${start}; expected ${next} (after the last batch)` +
            (last === undefined ? '' : ` or ${last.start} (the batch in flight)`));
        }
      } else if (start !== next) {
        problems.push(`${shardId} batch ${line}: starts at position ${start}, expected ${next} (${start < next ? 'repeat' : 'skip'} without a restart)`);
      }
      next = Math.max(next, end + 1);
      last = { start, end };
    });
    if (next !== order.length) problems.push(`${shardId}: delivered up to position ${next} of ${order.length}`);
  }
  return { problems, redelivered, resumptions: resumptions.map((r, i) => `kill ${i + 1}: ${r.join(' ') || '-'}`) };
}
