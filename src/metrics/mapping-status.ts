// What the mapping engine reports about each mapping and shard: lag in records and ms, the
// lane's state and a human reason (idle, invoking, retrying batch k of N since T, waiting, throttled, disabled).

/** Why a mapping's shard is where it is. */
export type LaneState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'invoking'; readonly sinceMs: number }
  | { readonly kind: 'retrying'; readonly attempt: number; readonly maxAttempts: number | null; readonly sinceMs: number; readonly lastError?: string }
  | { readonly kind: 'waiting-for-parent'; readonly parentShardIds: readonly string[] }
  | { readonly kind: 'throttled'; readonly sinceMs: number }
  | { readonly kind: 'disabled' };

/** One shard of one mapping: where it reads, how far behind, and why. */
export interface LaneStatus {
  readonly shardId: string;
  /** Last checkpointed sequence number, if any. */
  readonly position?: string;
  /** Records between the checkpoint and the shard's end (approximate for closed shards). */
  readonly lagRecords: number;
  /** Age of the oldest unprocessed record in ms (0 when caught up). */
  readonly lagMs: number;
  readonly state: LaneState;
  /** A short human sentence for the state, e.g. "retrying batch 2 of 5 since 09:15:02". */
  readonly reason: string;
}

export interface MappingStatus {
  readonly uuid: string;
  readonly functionName: string;
  readonly streamName: string;
  readonly state: string;
  readonly lanes: readonly LaneStatus[];
}

/** The human sentence for a lane state, e.g. "retrying batch 2 of 4 since 2026-11-23T09:15:02.000Z". */
export function laneReason(state: LaneState): string {
  switch (state.kind) {
    case 'idle':
      return 'idle';
    case 'invoking':
      return `invoking since ${new Date(state.sinceMs).toISOString()}`;
    case 'retrying': {
      const of = state.maxAttempts === null ? '' : ` of ${state.maxAttempts}`;
      const error = state.lastError === undefined ? '' : `: ${state.lastError}`;
      return `retrying batch (attempt ${state.attempt}${of}) since ${new Date(state.sinceMs).toISOString()}${error}`;
    }
    case 'waiting-for-parent':
      return `waiting for parent shard ${state.parentShardIds.join(', ')}`;
    case 'throttled':
      return `throttled since ${new Date(state.sinceMs).toISOString()}`;
    case 'disabled':
      return 'mapping disabled';
  }
}

/** Which of two lane states says more (a shard with several lanes shows the most telling one). */
export function moreTelling(a: LaneState, b: LaneState): LaneState {
  const rank = { disabled: 5, throttled: 4, retrying: 3, 'waiting-for-parent': 2, invoking: 1, idle: 0 } as const;
  return rank[b.kind] > rank[a.kind] ? b : a;
}
