// Queues in the console: counts, messages, and for on-failure messages of event source mappings
// (bodies carrying KinesisBatchInfo) the failed records resolved from the stream. Redrive sends
// each message back where it came from: SQS dead letters to their source queue, failed stream
// records into their stream again (then the message is deleted).

import { parseSequenceNumber } from '../engine/streams/sequence-number.js';
import type { StreamState } from '../engine/streams/stream-state.js';
import type { ConsoleDeps } from './console-deps.js';
import type { PeekedMessage, QueueSummary } from './queue-port.js';
import { searchRecordRange, type RecordView } from './record-range.js';

export interface FailedBatch {
  readonly streamArn: string;
  readonly streamName: string | null;
  readonly shardId: string;
  readonly startSequenceNumber: string;
  readonly endSequenceNumber: string;
  readonly condition: string | null;
  /** The failed records still in the stream (at most MAX_RESOLVED). */
  readonly records: readonly RecordView[];
}

export interface MessageView extends PeekedMessage {
  readonly failedBatch: FailedBatch | null;
}

export interface QueueView extends QueueSummary {
  /** Functions of the event source mappings whose on-failure destination is this queue. */
  readonly onFailureFor: readonly string[];
}

/** Every queue with its counts and what dead-letters into it (queues by RedrivePolicy, mappings on failure). */
export function listQueueViews(deps: ConsoleDeps): QueueView[] {
  const mappings = deps.mappings?.list() ?? [];
  return (deps.queues?.list() ?? []).map((q) => ({
    ...q,
    onFailureFor: [...new Set(mappings.filter((m) => m.onFailureDestination === q.arn).map((m) => m.functionName))].sort(),
  }));
}

export interface RedriveResult {
  readonly movedToSourceQueue: number;
  readonly recordsPutToStream: number;
  readonly messagesRedriven: number;
  readonly skipped: number;
}

const MAX_RESOLVED = 100;

interface BatchInfo {
  readonly shardId: string;
  readonly startSequenceNumber: string;
  readonly endSequenceNumber: string;
  readonly streamArn: string;
  readonly condition: string | null;
}

/** The KinesisBatchInfo of an on-failure message body, if it is one. */
export function batchInfoOf(body: string): BatchInfo | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const root = parsed as { KinesisBatchInfo?: Record<string, unknown>; requestContext?: { condition?: unknown } } | null;
  const info = root?.KinesisBatchInfo;
  if (!info || typeof info !== 'object') return undefined;
  const { shardId, startSequenceNumber, endSequenceNumber, streamArn } = info;
  if (typeof shardId !== 'string' || typeof startSequenceNumber !== 'string' || typeof endSequenceNumber !== 'string' || typeof streamArn !== 'string') return undefined;
  const condition = typeof root?.requestContext?.condition === 'string' ? root.requestContext.condition : null;
  return { shardId, startSequenceNumber, endSequenceNumber, streamArn, condition };
}

function findStream(deps: ConsoleDeps, arn: string): StreamState | undefined {
  return deps.streams.list().find((s) => s.arn === arn);
}

async function resolveBatch(deps: ConsoleDeps, info: BatchInfo): Promise<FailedBatch> {
  const stream = findStream(deps, info.streamArn);
  const start = parseSequenceNumber(info.startSequenceNumber);
  const end = parseSequenceNumber(info.endSequenceNumber);
  const shard = stream?.shards.find((s) => s.shardId === info.shardId);
  const records =
    stream && shard && start && end && deps.log.hasShard(shard.logKey)
      ? await searchRecordRange(stream, shard, start.offset, Math.min(end.offset + 1, start.offset + MAX_RESOLVED), { log: deps.log, region: deps.region })
      : [];
  return { ...info, streamName: stream?.name ?? null, records };
}

export async function queueMessagesView(deps: ConsoleDeps, name: string, limit: number): Promise<MessageView[] | undefined> {
  const peeked = deps.queues?.peek(name, limit);
  if (peeked === undefined) return undefined;
  const out: MessageView[] = [];
  for (const m of peeked) {
    const info = batchInfoOf(m.body);
    out.push({ ...m, failedBatch: info ? await resolveBatch(deps, info) : null });
  }
  return out;
}

/** Redrives every message of queue `name` (up to `limit`). */
export async function redriveQueue(deps: ConsoleDeps, name: string, limit = 1000): Promise<RedriveResult | undefined> {
  const { queues, records } = deps;
  const peeked = queues?.peek(name, limit);
  if (!queues || peeked === undefined) return undefined;
  let movedToSourceQueue = 0;
  let recordsPutToStream = 0;
  let messagesRedriven = 0;
  let skipped = 0;
  for (const m of peeked) {
    const info = batchInfoOf(m.body);
    if (info && records) {
      const batch = await resolveBatch(deps, info);
      if (batch.streamName === null || batch.records.length === 0) {
        skipped++;
        continue;
      }
      await records.putRecords(
        batch.streamName,
        batch.records.map((r) => ({ partitionKey: r.partitionKey, data: Buffer.from(r.data.base64, 'base64'), ...(r.explicitHashKey ? { explicitHashKey: r.explicitHashKey } : {}) })),
      );
      recordsPutToStream += batch.records.length;
      await queues.remove(name, m.seq);
      messagesRedriven++;
    } else if (m.deadLetterSourceArn !== null && (await queues.moveToSource(name, m.seq, m.deadLetterSourceArn))) {
      movedToSourceQueue++;
      messagesRedriven++;
    } else {
      skipped++;
    }
  }
  return { movedToSourceQueue, recordsPutToStream, messagesRedriven, skipped };
}
