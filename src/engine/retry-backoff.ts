// Capped exponential backoff shared by the engines: the first retry after `initialMs`, doubling per
// failure, capped at `maxMs`, each wait optionally spread by ±`jitter` (a fraction). Firehose's
// delivery uses 1 s → 2 min with ±15 % (FIREHOSE.md §11) so that many streams whose destination
// failed at once do not retry in lockstep; event source mappings use it without jitter.

export interface RetryBackoff {
  readonly initialMs: number;
  readonly maxMs: number;
  /** 0.15 = ±15 %; 0 = exact waits (tests). */
  readonly jitter: number;
}

/** Wait before the retry that follows `failures` failed attempts (≥ 1); `random` in [0, 1). */
export function retryBackoffMs(failures: number, backoff: RetryBackoff, random: () => number = Math.random): number {
  const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(30, Math.max(0, failures - 1)));
  if (backoff.jitter === 0) return base;
  return Math.round(base * (1 + backoff.jitter * (2 * random() - 1)));
}
