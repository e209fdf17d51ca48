// MappingWorker: one enabled event source mapping at work. Finds the stream's shards (at start,
// every discoveryIntervalMs, and whenever a shard finishes), starts a ShardPoller per shard whose
// parents are finished (ESM.md §10: children wait for their parents and start at TRIM_HORIZON),
// and stops them all on stop(). Start positions are saved durably before start() resolves.

import type { Logger } from 'pino';
import type { Clock } from '../../engine/clock.js';
import type { AppendNotifier } from '../../engine/streams/append-notifier.js';
import { findReadyStream, type StreamSource } from '../../engine/streams/stream-lookup.js';
import type { ShardState, StreamState } from '../../engine/streams/stream-state.js';
import type { FunctionLookup } from '../../functions/function-definition.js';
import type { FunctionInvoker } from '../../functions/function-invoker.js';
import type { QueueMessageSender } from '../../queues/queue-message-sender.js';
import type { RecordLog } from '../../storage/record-log.js';
import { recordFilter, type RecordFilter } from '../filter/record-filter.js';
import type { MappingDefinition } from '../mapping-definition.js';
import type { CheckpointStore, ShardCheckpoint } from './checkpoint-store.js';
import type { EngineTuning } from './engine-tuning.js';
import { failureDestinationFor, type FailureDestination } from './failure-destination.js';
import { firstOf } from './first-of.js';
import { MappingInvoker } from './mapping-invoker.js';
import { NOOP_TELEMETRY, type MappingTelemetry } from './mapping-telemetry.js';
import { MappingStoppedError, unlessStopped } from './mapping-stopped.js';
import { ShardPoller } from './shard-poller.js';
import { startOffset } from './shard-start.js';
import type { Sleeper } from './sleeper.js';
import { Wakeup } from './wakeup.js';

const HOUR_MS = 3_600_000;

export interface WorkerDeps {
  readonly streams: StreamSource;
  readonly log: RecordLog;
  readonly notifier: AppendNotifier;
  readonly checkpoints: CheckpointStore;
  readonly invoker: FunctionInvoker;
  readonly queues: QueueMessageSender;
  readonly functions: FunctionLookup | undefined;
  readonly clock: Clock;
  readonly sleeper: Sleeper;
  readonly tuning: EngineTuning;
  readonly logger: Logger;
  readonly dataDir: string;
  readonly accountId: string;
  readonly region: string;
  /** Reports a mapping's LastProcessingResult. */
  report(uuid: string, result: string): void;
  /** Metrics and status of one mapping (none by default). */
  telemetry?(uuid: string): MappingTelemetry;
}

export class MappingWorker {
  readonly invoker: MappingInvoker;
  /** Soft stop: no new reads or invocations. */
  private readonly abort = new AbortController();
  /** Hard stop: invocations in flight are abandoned. */
  private readonly abandon = new AbortController();
  private readonly pollers = new Map<string, Promise<void>>();
  private readonly wakeup = new Wakeup();
  private readonly filter: RecordFilter;
  private readonly destination: FailureDestination;
  private loop: Promise<void> | undefined;
  private retentionMs = 24 * HOUR_MS;
  readonly telemetry: MappingTelemetry;

  /** `after`: the previous incarnation's invocations; no batch is invoked before they ended. */
  constructor(
    private readonly mapping: MappingDefinition,
    private readonly deps: WorkerDeps,
    private readonly after: Promise<void>,
  ) {
    this.invoker = new MappingInvoker(deps.invoker, mapping.functionName, mapping.qualifier);
    this.filter = recordFilter(mapping.filterPatterns);
    this.telemetry = deps.telemetry?.(mapping.uuid) ?? NOOP_TELEMETRY;
    this.destination = failureDestinationFor(mapping.onFailureDestination, {
      queues: deps.queues,
      dataDir: deps.dataDir,
      logger: deps.logger,
      mappingUuid: mapping.uuid,
    });
  }

  /** Loads checkpoints, fixes the start position of every shard it can start now, starts polling. */
  async start(): Promise<void> {
    await this.deps.checkpoints.load(this.mapping.uuid);
    this.loop = this.discoveryLoop(await this.discover());
  }

  /**
   * Stops every poller and waits for them to exit: invocations in flight get stopGraceMs to end
   * (and be checkpointed); after that they are abandoned, never checkpointed.
   */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    const exited = Promise.all([...this.pollers.values()]);
    await firstOf(new AbortController().signal, [() => exited, (s) => this.deps.sleeper.sleep(this.deps.tuning.stopGraceMs, s)]);
    this.abandon.abort();
    while (this.pollers.size > 0) await Promise.all([...this.pollers.values()]);
  }

  /** Resolves once every invocation this worker started has ended. */
  drained(): Promise<void> {
    return this.invoker.drained();
  }

  private async discoveryLoop(found: boolean): Promise<void> {
    const { signal } = this.abort;
    const { sleeper, tuning, logger } = this.deps;
    while (!signal.aborted) {
      // A stream that is not ready yet (or gone) is looked for again soon; a ready one less often.
      const interval = found ? tuning.discoveryIntervalMs : tuning.idlePollMs;
      await firstOf(signal, [(s) => this.wakeup.wait(s), (s) => sleeper.sleep(interval, s)]);
      if (signal.aborted) return;
      try {
        found = await this.discover();
      } catch (err) {
        if (!(err instanceof MappingStoppedError)) logger.error({ err, mapping: this.mapping.uuid }, 'event source mapping shard discovery failed');
      }
    }
  }

  /** Starts what can start; false when the stream is not there (or not ready). */
  private async discover(): Promise<boolean> {
    const stream = findReadyStream(this.deps.streams, { streamArn: this.mapping.eventSourceArn });
    if (stream === undefined) return false;
    this.retentionMs = stream.retentionHours * HOUR_MS;
    if (!stream.shards.some((s) => this.checkpointOf(stream, s.shardId) !== undefined)) await this.startPositions(stream);
    const known = new Set(stream.shards.map((s) => s.shardId));
    for (const shard of stream.shards) {
      if (this.abort.signal.aborted) break;
      if (this.pollers.has(shard.logKey) || !this.deps.log.hasShard(shard.logKey)) continue;
      const checkpoint = this.checkpointOf(stream, shard.shardId);
      if (checkpoint?.finished) continue;
      const parents = [shard.parentShardId, shard.adjacentParentShardId].filter((id): id is string => id !== undefined && known.has(id));
      const waitingFor = parents.filter((id) => !this.checkpointOf(stream, id)?.finished);
      this.telemetry.waiting(shard.shardId, waitingFor);
      if (waitingFor.length > 0) continue;
      let position = checkpoint?.position;
      if (position === undefined) {
        // A shard created after the mapping started (resharding): from its first record.
        position = await startOffset(this.deps.log, shard.logKey, 'TRIM_HORIZON', undefined, this.deps.clock.now() - this.retentionMs);
        await this.deps.checkpoints.save(this.mapping.uuid, shard.shardId, { streamId: stream.id, position });
      }
      this.launch(stream, shard, position);
    }
    return true;
  }

  /**
   * First start on this stream: fixes (durably) where every shard starts. LATEST starts the open
   * shards at their end and treats closed ones as finished; TRIM_HORIZON and AT_TIMESTAMP apply
   * to every shard (children still wait for their parents to finish).
   */
  private async startPositions(stream: StreamState): Promise<void> {
    const { log, checkpoints, clock } = this.deps;
    const { uuid, startingPosition, startingPositionTimestamp } = this.mapping;
    const cutoff = clock.now() - this.retentionMs;
    const saves: Promise<void>[] = [];
    for (const shard of stream.shards) {
      if (!log.hasShard(shard.logKey)) continue;
      const bounds = log.bounds(shard.logKey);
      if (startingPosition === 'LATEST' && (shard.endingSequenceNumber !== undefined || bounds.sealed)) {
        saves.push(checkpoints.save(uuid, shard.shardId, { streamId: stream.id, position: bounds.endOffset, finished: true }));
        continue;
      }
      const position = await startOffset(log, shard.logKey, startingPosition, startingPositionTimestamp, cutoff);
      saves.push(checkpoints.save(uuid, shard.shardId, { streamId: stream.id, position }));
    }
    await Promise.all(saves);
  }

  private checkpointOf(stream: StreamState, shardId: string): ShardCheckpoint | undefined {
    const checkpoint = this.deps.checkpoints.get(this.mapping.uuid, shardId);
    return checkpoint?.streamId === stream.id ? checkpoint : undefined;
  }

  private launch(stream: StreamState, shard: ShardState, startPosition: number): void {
    const { deps, mapping } = this;
    const { signal } = this.abort;
    const uuid = mapping.uuid;
    const run = async (): Promise<void> => {
      await unlessStopped(this.after, signal);
      const poller = new ShardPoller({
        lane: {
          mapping,
          clock: deps.clock,
          sleeper: deps.sleeper,
          tuning: deps.tuning,
          invoker: this.invoker,
          destination: this.destination,
          logger: deps.logger,
          report: (result) => deps.report(uuid, result),
          telemetry: this.telemetry,
        },
        shard,
        streamId: stream.id,
        role: deps.functions?.get(mapping.functionName)?.role ?? `arn:aws:iam::${deps.accountId}:role/lambda-role`,
        region: deps.region,
        log: deps.log,
        notifier: deps.notifier,
        filter: this.filter,
        checkpoints: deps.checkpoints,
        retentionMs: () => this.retentionMs,
        startPosition,
        signal,
        abandonSignal: this.abandon.signal,
      });
      if ((await poller.run()) === 'finished') this.wakeup.notify();
    };
    const running = run()
      .catch((err: unknown) => {
        if (!(err instanceof MappingStoppedError)) deps.logger.error({ err, mapping: uuid, shardId: shard.shardId }, 'event source mapping shard poller failed; restarting from its checkpoint later');
      })
      .finally(() => this.pollers.delete(shard.logKey));
    this.pollers.set(shard.logKey, running);
  }
}
