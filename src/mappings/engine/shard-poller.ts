// ShardPoller: reads one shard for one mapping straight from the RecordLog and feeds its lanes.
// Skips records beyond retention and records the filters drop, hands the rest to lane
// hash(partitionKey) mod ParallelizationFactor, and keeps the shard checkpoint at the lowest
// record not yet done in any lane (never past a batch that has not finished). Memory is bounded:
// it reads only while the target lane has room. An idle shard waits on the AppendNotifier.

import type { AppendNotifier } from '../../engine/streams/append-notifier.js';
import type { ShardState } from '../../engine/streams/stream-state.js';
import { ShardNotFoundError, type RecordLog, type StoredRecord } from '../../storage/record-log.js';
import type { RecordFilter } from '../filter/record-filter.js';
import type { CheckpointStore } from './checkpoint-store.js';
import { firstOf } from './first-of.js';
import { EventRecordBuilder, MAX_INVOKE_PAYLOAD_BYTES } from './kinesis-event.js';
import { laneOf } from './lane-of.js';
import { probeLane } from './lane-probe.js';
import { NOOP_TELEMETRY } from './mapping-telemetry.js';
import { MappingStoppedError, throwIfStopped, unlessStopped } from './mapping-stopped.js';
import { ShardLane, type LaneContext } from './shard-lane.js';
import { Wakeup } from './wakeup.js';

/** What the poller needs beyond what its lanes need. */
export interface ShardPollerOptions {
  readonly lane: Omit<LaneContext, 'shardId' | 'signal' | 'abandonSignal' | 'caughtUp' | 'ended' | 'progress' | 'freed' | 'retentionMs'>;
  readonly shard: ShardState;
  readonly streamId: string;
  /** The function's execution role (invokeIdentityArn). */
  readonly role: string;
  readonly region: string;
  readonly log: RecordLog;
  readonly notifier: AppendNotifier;
  readonly filter: RecordFilter;
  readonly checkpoints: CheckpointStore;
  /** Current retention period of the stream (ms). */
  retentionMs(): number;
  /** Offset to start reading at. */
  readonly startPosition: number;
  /** Stop: read nothing more, let lanes finish the invocation in flight. */
  readonly signal: AbortSignal;
  /** Abandon the invocations in flight too. */
  readonly abandonSignal: AbortSignal;
}

/** How a poller ended: the shard was closed and fully processed, or it disappeared. */
export type PollerEnd = 'finished' | 'gone';

export class ShardPoller {
  private readonly abort = new AbortController();
  private readonly lanes: ShardLane[];
  private readonly space = new Wakeup();
  private readonly builder: EventRecordBuilder;
  private position: number;
  private pending: readonly StoredRecord[] = [];
  private next = 0;
  private ended = false;
  private saved: number;
  private lastSave: Promise<void> = Promise.resolve();

  constructor(private readonly options: ShardPollerOptions) {
    const { shard, lane, signal } = options;
    if (signal.aborted) this.abort.abort();
    else signal.addEventListener('abort', () => this.abort.abort(), { once: true });
    this.position = options.startPosition;
    this.saved = options.startPosition;
    this.builder = new EventRecordBuilder(shard, { streamArn: lane.mapping.eventSourceArn, region: options.region, role: options.role });
    const context: LaneContext = {
      ...lane,
      shardId: shard.shardId,
      signal: this.abort.signal,
      abandonSignal: options.abandonSignal,
      retentionMs: () => options.retentionMs(),
      caughtUp: () => this.caughtUp(),
      ended: () => this.ended,
      progress: (durable) => this.progress(durable),
      freed: () => this.space.notify(),
    };
    this.lanes = Array.from({ length: Math.max(1, lane.mapping.parallelizationFactor) }, () => new ShardLane(context));
  }

  /** Polls until the shard is finished or gone; throws MappingStoppedError when stopped. */
  async run(): Promise<PollerEnd> {
    const detach = (this.options.lane.telemetry ?? NOOP_TELEMETRY).attach(this.options.shard.shardId, () => this.probe());
    try {
      return await this.runLanes();
    } finally {
      detach();
    }
  }

  private probe(): ReturnType<typeof probeLane> {
    let oldest: number | undefined = this.pending[this.next]?.timestamp;
    let checkpoint = this.position;
    for (const lane of this.lanes) {
      checkpoint = Math.min(checkpoint, lane.unfinishedFrom());
      const t = lane.oldestPendingTimestamp();
      if (t !== undefined && (oldest === undefined || t < oldest)) oldest = t;
    }
    return probeLane({
      shard: this.options.shard,
      log: this.options.log,
      now: this.options.lane.clock.now(),
      checkpoint,
      oldestPending: oldest,
      states: this.lanes.map((lane) => lane.state()),
    });
  }

  private async runLanes(): Promise<PollerEnd> {
    const runs = this.lanes.map((lane) =>
      lane.run().catch((err: unknown) => {
        this.abort.abort();
        throw err;
      }),
    );
    let end: PollerEnd | undefined;
    let failure: unknown;
    try {
      end = await this.read();
    } catch (err) {
      failure = err;
    }
    if (end !== 'finished') this.abort.abort();
    const settled = await Promise.allSettled(runs);
    const laneFailure = settled.find((s) => s.status === 'rejected' && !(s.reason instanceof MappingStoppedError));
    if (laneFailure !== undefined) throw (laneFailure as PromiseRejectedResult).reason;
    if (failure !== undefined) throw failure;
    if (end === 'gone') return end;
    for (const s of settled) if (s.status === 'rejected') throw s.reason;
    const { checkpoints, lane, shard, streamId } = this.options;
    await checkpoints.save(lane.mapping.uuid, shard.shardId, { streamId, position: this.position, finished: true });
    return 'finished';
  }

  private async read(): Promise<PollerEnd> {
    const { log, shard } = this.options;
    const logKey = shard.logKey;
    const readOptions = { maxRecords: Math.min(10_000, this.options.lane.mapping.batchSize * this.lanes.length), maxBytes: MAX_INVOKE_PAYLOAD_BYTES };
    for (;;) {
      throwIfStopped(this.abort.signal);
      if (this.next >= this.pending.length) {
        let read;
        try {
          read = await unlessStopped(log.read(logKey, this.position, readOptions), this.abort.signal);
          const first = read.records[0];
          const cutoff = this.options.lane.clock.now() - this.options.retentionMs();
          if (first !== undefined && first.timestamp < cutoff) {
            // Skip straight past records beyond retention instead of reading them one chunk at a time.
            const from = Math.max(read.nextOffset, await log.offsetForTimestamp(logKey, cutoff));
            read = await unlessStopped(log.read(logKey, from, readOptions), this.abort.signal);
            this.position = Math.max(this.position, from);
          }
        } catch (err) {
          if (err instanceof ShardNotFoundError) return 'gone';
          throw err;
        }
        this.pending = read.records;
        this.next = 0;
        if (this.pending.length === 0) {
          this.position = Math.max(this.position, read.nextOffset);
          void this.progress(false);
          let bounds;
          try {
            bounds = log.bounds(logKey);
          } catch (err) {
            if (err instanceof ShardNotFoundError) return 'gone';
            throw err;
          }
          if ((bounds.sealed || shard.endingSequenceNumber !== undefined) && this.position >= bounds.endOffset) {
            this.ended = true;
            for (const lane of this.lanes) lane.wakeup.notify();
            return 'finished';
          }
          for (const lane of this.lanes) lane.wakeup.notify();
          await this.idle(logKey);
          continue;
        }
      }
      this.dispatch();
      if (this.next < this.pending.length) await firstOf(this.abort.signal, [(s) => this.space.wait(s)]);
    }
  }

  /** Hands records to their lanes until one is full; filtered and expired records are done at once. */
  private dispatch(): void {
    const { filter, lane } = this.options;
    const factor = this.lanes.length;
    const cutoff = lane.clock.now() - this.options.retentionMs();
    const touched = new Set<ShardLane>();
    const from = this.next;
    let filteredOut = 0;
    while (this.next < this.pending.length) {
      const record = this.pending[this.next]!;
      if (record.timestamp >= cutoff) {
        const sequenceNumber = this.builder.sequenceNumber(record);
        const meta = { partitionKey: record.partitionKey, sequenceNumber, approximateArrivalTimestamp: record.timestamp };
        if (filter(record.data, meta)) {
          const target = this.lanes[laneOf(record.partitionKey, factor)]!;
          if (!target.hasRoom()) break;
          target.push(this.builder.build(record, sequenceNumber));
          touched.add(target);
        } else {
          filteredOut++;
        }
      }
      this.next++;
      this.position = record.offset + 1;
    }
    const telemetry = lane.telemetry ?? NOOP_TELEMETRY;
    if (this.next > from) telemetry.polled(this.next - from);
    if (filteredOut > 0) telemetry.filteredOut(filteredOut);
    if (this.next >= this.pending.length) this.pending = [];
    for (const target of touched) target.wakeup.notify();
    void this.progress(false);
  }

  /** Waits for an append, or at most idlePollMs (also when the notifier has no room for a waiter). */
  private async idle(logKey: string): Promise<void> {
    const { notifier, lane } = this.options;
    await firstOf(this.abort.signal, [
      (s) => lane.sleeper.sleep(lane.tuning.idlePollMs, s),
      (s) => notifier.waitForAppend(logKey, this.position, s).catch(() => lane.sleeper.sleep(lane.tuning.idlePollMs, s)),
    ]);
  }

  /** The reader has dispatched everything the shard holds now. */
  private caughtUp(): boolean {
    if (this.next < this.pending.length) return false;
    try {
      return this.position >= this.options.log.bounds(this.options.shard.logKey).endOffset;
    } catch {
      return true;
    }
  }

  /**
   * Moves the checkpoint to the lowest offset not yet done (dispatched records wait in lanes;
   * everything before the reader's position that no lane holds is done). With `durable`, resolves
   * once the latest checkpoint is durable.
   */
  private progress(durable: boolean): Promise<void> {
    let position = this.position;
    for (const lane of this.lanes) position = Math.min(position, lane.unfinishedFrom());
    if (position > this.saved) {
      this.saved = position;
      const { checkpoints, lane, shard, streamId } = this.options;
      this.lastSave = checkpoints.save(lane.mapping.uuid, shard.shardId, { streamId, position });
    }
    return durable ? this.lastSave : Promise.resolve();
  }
}
