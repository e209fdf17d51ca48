// Event source mappings in the console: definition, per-shard lanes from the metrics status
// snapshot (position, lag, state and reason), totals, and the record a retrying lane is stuck on.

import { parseSequenceNumber } from '../engine/streams/sequence-number.js';
import { streamNameOf } from '../engine/streams/stream-lookup.js';
import type { LaneStatus } from '../metrics/metrics-hub.js';
import type { ConsoleDeps } from './console-deps.js';
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
}

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
