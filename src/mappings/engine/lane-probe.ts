// A shard's status for one mapping, computed on demand from the poller's checkpoint, its lanes and
// the log's bounds: lag in records (checkpoint → end of shard), lag in ms (oldest record not done),
// and the most telling lane state with its reason.

import { SequenceNumberFormatter } from '../../engine/streams/sequence-number.js';
import type { ShardState } from '../../engine/streams/stream-state.js';
import { laneReason, moreTelling, type LaneState, type LaneStatus } from '../../metrics/mapping-status.js';
import type { RecordLog } from '../../storage/record-log.js';

export interface LaneProbeInput {
  readonly shard: ShardState;
  readonly log: RecordLog;
  readonly now: number;
  /** Offset of the first record not done (the checkpoint the poller keeps). */
  readonly checkpoint: number;
  /** Arrival time of the oldest record held in memory and not done, if any. */
  readonly oldestPending: number | undefined;
  readonly states: readonly LaneState[];
}

export function probeLane(input: LaneProbeInput): LaneStatus {
  const { shard, log, now, checkpoint, oldestPending } = input;
  let end = checkpoint;
  try {
    end = log.bounds(shard.logKey).endOffset;
  } catch {
    // The shard vanished: report no lag.
  }
  const lagRecords = Math.max(0, end - checkpoint);
  const lagMs = lagRecords === 0 || oldestPending === undefined ? 0 : Math.max(0, now - oldestPending);
  const state = input.states.reduce<LaneState>(moreTelling, { kind: 'idle' });
  const position = new SequenceNumberFormatter(shard.index, shard.createdAt).format(checkpoint, oldestPending ?? shard.createdAt);
  return { shardId: shard.shardId, position, lagRecords, lagMs, state, reason: laneReason(state) };
}
