// Event source mappings in the console: definition, per-shard lanes from the metrics status
// snapshot (position, lag, state and reason), totals, the record a retrying lane is stuck on, and
// the last failed invocations with their failing record.

import { parseSequenceNumber } from '../engine/streams/sequence-number.js';
import { streamNameOf } from '../engine/streams/stream-lookup.js';
import type { LaneStatus } from '../metrics/metrics-hub.js';
import type { ConsoleDeps } from './console-deps.js';
import type { InvocationError } from './invocation-errors.js';
import { searchRecordRange, type RecordView } from './record-range.js';

export interface LaneView extends LaneStatus {
  /** For a retrying lane: the first record of the failing batch, when still stored. */
  readonly failingRecord: RecordView | null;
}

export interface MappingView {
  readonly uuid: string;
  readonly functionName: string;
  readonly eventSourceArn: string;
  readonly streamName: string;
  readonly state: string;
  readonly enabled: boolean;
  readonly batchSize: number;
  readonly startingPosition: string;
  readonly lastProcessingResult: string;
  readonly stateTransitionReason: string;
  readonly lastModifiedMs: number;
  readonly lagRecords: number;
  readonly lagMs: number;
  readonly lanes: readonly LaneView[];
  /**
   * The last failed invocations of this mapping (its function, a batch of its stream), newest first;
   * retries of the same batch failing the same way are folded into one entry.
   */
  readonly recentErrors: readonly MappingError[];
}

export interface MappingError extends InvocationError {
  /** Failed invocations folded into this entry (1 = once). */
  readonly times: number;
  /** When the first of them failed. */
  readonly firstAtMs: number;
}

const RECENT_ERRORS = 5;

export async function listMappingViews(deps: ConsoleDeps): Promise<MappingView[]> {
  const definitions = deps.mappings?.list() ?? [];
  const statuses = new Map((deps.metrics?.status().mappings ?? []).map((m) => [m.uuid, m]));
  const views: MappingView[] = [];
  for (const d of definitions) {
    const lanes: LaneView[] = [];
    for (const lane of statuses.get(d.uuid)?.lanes ?? []) lanes.push({ ...lane, failingRecord: lane.state.kind === 'retrying' ? await failingRecord(deps, d.eventSourceArn, lane) : null });
    views.push({
      uuid: d.uuid,
      functionName: d.functionName,
      eventSourceArn: d.eventSourceArn,
      streamName: streamNameOf({ streamArn: d.eventSourceArn }),
      state: d.state,
      enabled: d.enabled,
      batchSize: d.batchSize,
      startingPosition: d.startingPosition,
      lastProcessingResult: d.lastProcessingResult,
      stateTransitionReason: d.stateTransitionReason,
      lastModifiedMs: d.lastModified,
      lagRecords: lanes.reduce((sum, l) => sum + l.lagRecords, 0),
      lagMs: lanes.reduce((max, l) => Math.max(max, l.lagMs), 0),
      lanes,
      recentErrors: fold((deps.invocationErrors?.recent(d.functionName) ?? []).filter((e) => e.batch?.streamArn === d.eventSourceArn)).slice(0, RECENT_ERRORS),
    });
  }
  return views.sort((a, b) => a.functionName.localeCompare(b.functionName) || a.uuid.localeCompare(b.uuid));
}

/** The first record after the lane's checkpoint (the head of the batch being retried). */
async function failingRecord(deps: ConsoleDeps, streamArn: string, lane: LaneStatus): Promise<RecordView | null> {
  const stream = deps.streams.list().find((s) => s.arn === streamArn);
  const shard = stream?.shards.find((s) => s.shardId === lane.shardId);
  if (!stream || !shard || !deps.log.hasShard(shard.logKey)) return null;
  const parts = lane.position === undefined ? undefined : parseSequenceNumber(lane.position);
  const from = parts === undefined ? deps.log.bounds(shard.logKey).startOffset : parts.offset;
  const [record] = await searchRecordRange(stream, shard, from, from + 1, { log: deps.log, region: deps.region });
  return record ?? null;
}

/** Folds runs of the same failure (same shard, batch start, error) in a newest-first list. */
function fold(errors: readonly InvocationError[]): MappingError[] {
  const out: MappingError[] = [];
  const same = (a: InvocationError, b: InvocationError): boolean =>
    a.errorType === b.errorType && a.errorMessage === b.errorMessage && a.batch?.shardId === b.batch?.shardId && a.batch?.firstSequenceNumber === b.batch?.firstSequenceNumber;
  for (const e of errors) {
    const last = out.at(-1);
    if (last !== undefined && same(last, e)) out[out.length - 1] = { ...last, times: last.times + 1, firstAtMs: e.atMs };
    else out.push({ ...e, times: 1, firstAtMs: e.atMs });
  }
  return out;
}
