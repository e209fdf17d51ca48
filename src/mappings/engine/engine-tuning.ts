// Timing knobs of the mapping engine. None of them changes AWS-visible semantics; they trade
// latency against work. New records wake pollers at once (AppendNotifier), so idlePollMs is only
// a safety net for changes no append announces (retention, sealing, a deleted stream).

import { retryBackoffMs } from '../../engine/retry-backoff.js';

export interface EngineTuning {
  /** An idle shard re-reads at least this often. */
  readonly idlePollMs: number;
  /** How often each mapping re-lists its stream's shards (new, closed or deleted shards). */
  readonly discoveryIntervalMs: number;
  /** First retry delay after a failed invocation; doubles per retry of the same records. */
  readonly retryBaseDelayMs: number;
  /** Cap on the retry delay. */
  readonly retryMaxDelayMs: number;
  /**
   * How long stopping a mapping (disable, update, delete, shutdown) waits for invocations in
   * flight to end and be checkpointed before abandoning them (their records are then redelivered).
   */
  readonly stopGraceMs: number;
  /**
   * Minimum time between two checkpoint commits. Each commit is an fsync that blocks the event
   * loop; under load this lets one commit cover the batches of many shards (lanes wait for it).
   */
  readonly checkpointIntervalMs: number;
}

export const DEFAULT_ENGINE_TUNING: EngineTuning = {
  idlePollMs: 1000,
  discoveryIntervalMs: 10_000,
  retryBaseDelayMs: 200,
  retryMaxDelayMs: 10_000,
  stopGraceMs: 5000,
  checkpointIntervalMs: 10,
};

/** The delay before retry number `attempt` (1, 2, …): base, 2·base, 4·base, … capped. */
export function retryDelayMs(tuning: EngineTuning, attempt: number): number {
  return retryBackoffMs(attempt, { initialMs: tuning.retryBaseDelayMs, maxMs: tuning.retryMaxDelayMs, jitter: 0 });
}
