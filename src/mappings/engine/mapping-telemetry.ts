// What the mapping engine reports to metrics: per-mapping event counts (bumped once per batch or
// dispatch, never per record) and, per shard, a probe read only when someone asks for status.

import type { LaneStatus } from '../../metrics/mapping-status.js';

export interface MappingTelemetry {
  /** Records read from the stream. */
  polled(n: number): void;
  /** Records dropped by the filter criteria. */
  filteredOut(n: number): void;
  /** An invocation with `n` records ran; `iteratorAgeMs`: age of its last record. */
  invoked(n: number, shardId: string, iteratorAgeMs: number): void;
  /** An invocation with `n` records ended in a function error (or partial failure). */
  failedInvoke(n: number): void;
  /** Records discarded (retries exhausted, too old). */
  dropped(n: number): void;
  /** Records whose failure record reached the on-failure destination. */
  delivered(n: number): void;
  /** A shard's poller is running: `probe` tells its lag and state on demand. Returns the detach function. */
  attach(shardId: string, probe: () => LaneStatus): () => void;
  /** A shard is not started because these parents are not finished yet (empty: no longer waiting). */
  waiting(shardId: string, parentShardIds: readonly string[]): void;
}

export const NOOP_TELEMETRY: MappingTelemetry = {
  polled() {},
  filteredOut() {},
  invoked() {},
  failedInvoke() {},
  dropped() {},
  delivered() {},
  attach: () => () => {},
  waiting() {},
};
