// MappingEngine: runs the event source mappings the registry hands it (MappingRunner). One
// MappingWorker per enabled mapping; apply() restarts a worker only when a setting that changes
// behaviour changed, and a restarted worker invokes nothing before its predecessor's invocations
// ended. Checkpoints are shared by all mappings (one group-committing CheckpointStore).

import type { Logger } from 'pino';
import type { Clock } from '../engine/clock.js';
import { appendNotifierFor, type AppendNotifier } from '../engine/streams/append-notifier.js';
import type { RecordService } from '../engine/streams/record-service.js';
import type { StreamSource } from '../engine/streams/stream-lookup.js';
import type { FunctionLookup } from '../functions/function-definition.js';
import type { FunctionInvoker } from '../functions/function-invoker.js';
import type { QueueMessageSender } from '../queues/queue-message-sender.js';
import type { RecordLog } from '../storage/record-log.js';
import type { StateStore } from '../storage/state-store.js';
import { rewindCheckpoints, type RewindPosition } from './engine/checkpoint-rewind.js';
import { CheckpointStore } from './engine/checkpoint-store.js';
import { DEFAULT_ENGINE_TUNING, type EngineTuning } from './engine/engine-tuning.js';
import { MappingWorker, type WorkerDeps } from './engine/mapping-worker.js';
import { MappingMeters } from '../metrics/mapping-meters.js';
import type { LaneStatus } from '../metrics/mapping-status.js';
import type { MetricsHub } from '../metrics/metrics-hub.js';
import { ProcessingResultReporter } from './engine/processing-result.js';
import { timerSleeper, type Sleeper } from './engine/sleeper.js';
import type { MappingDefinition, MappingRunner, MappingStatusSink } from './mapping-definition.js';

export interface MappingEngineOptions {
  /** The StreamRegistry (only `require` and `list` are used). */
  readonly streams: StreamSource;
  readonly log: RecordLog;
  /** Not used: mappings read the RecordLog directly. Accepted so the composition root can pass it. */
  readonly records?: RecordService;
  readonly invoker: FunctionInvoker;
  readonly queues: QueueMessageSender;
  /** Holds checkpoints (collection "mapping-checkpoints"). */
  readonly store: StateStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly status: MappingStatusSink;
  /** S3-style on-failure destinations are written under <dataDir>/buckets/. */
  readonly dataDir: string;
  readonly accountId: string;
  readonly region: string;
  /** Functions, for the execution role in events (invokeIdentityArn); without it a placeholder role is used. */
  readonly functions?: FunctionLookup;
  readonly tuning?: Partial<EngineTuning>;
  /** Defaults to real timers; tests pass a ManualSleeper. */
  readonly sleeper?: Sleeper;
  /** Defaults to the notifier of `log` (the one the put path notifies). */
  readonly notifier?: AppendNotifier;
  /** Event counts, iterator age and lane status go here when given. */
  readonly metrics?: MetricsHub;
}

interface Running {
  readonly worker: MappingWorker;
  readonly fingerprint: string;
}

export class MappingEngine implements MappingRunner {
  private readonly workers = new Map<string, Running>();
  private readonly meters = new Map<string, MappingMeters>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly checkpoints: CheckpointStore;
  private readonly reporter: ProcessingResultReporter;
  private readonly deps: WorkerDeps;
  private closed = false;

  constructor(private readonly options: MappingEngineOptions) {
    const tuning = { ...DEFAULT_ENGINE_TUNING, ...options.tuning };
    this.checkpoints = new CheckpointStore(options.store, options.logger, tuning.checkpointIntervalMs);
    this.reporter = new ProcessingResultReporter(options.status);
    this.deps = {
      streams: options.streams,
      log: options.log,
      notifier: options.notifier ?? appendNotifierFor(options.log),
      checkpoints: this.checkpoints,
      invoker: options.invoker,
      queues: options.queues,
      functions: options.functions,
      clock: options.clock,
      sleeper: options.sleeper ?? timerSleeper,
      tuning,
      logger: options.logger,
      dataDir: options.dataDir,
      accountId: options.accountId,
      region: options.region,
      report: (uuid, result) => this.reporter.report(uuid, result),
      ...(options.metrics?.enabled ? { telemetry: (uuid: string) => this.metersFor(uuid) } : {}),
    };
  }

  /**
   * Starts, restarts or stops a mapping to match `mapping` (runs while enabled and not being
   * deleted). Resolves once the shards' start positions are durable. Never rejects: a mapping
   * that cannot start is logged.
   */
  apply(mapping: MappingDefinition): Promise<void> {
    return this.exclusive(mapping.uuid, async () => {
      if (this.closed) return;
      const current = this.workers.get(mapping.uuid);
      const wanted = mapping.enabled && mapping.state !== 'Disabled' && mapping.state !== 'Disabling' && mapping.state !== 'Deleting';
      const fingerprint = behaviourOf(mapping);
      if (current !== undefined && wanted && current.fingerprint === fingerprint) return;
      let after: Promise<void> = Promise.resolve();
      if (current !== undefined) {
        this.workers.delete(mapping.uuid);
        await current.worker.stop();
        after = current.worker.drained();
      }
      if (!wanted) return;
      try {
        const worker = new MappingWorker(mapping, this.deps, after);
        this.workers.set(mapping.uuid, { worker, fingerprint });
        await worker.start();
      } catch (err) {
        this.options.logger.error({ err, mapping: mapping.uuid }, 'event source mapping could not start');
      }
    });
  }

  /** Lanes (per shard: position, lag, state and reason) of every running mapping, read now. */
  status(): Map<string, LaneStatus[]> {
    const out = new Map<string, LaneStatus[]>();
    for (const uuid of this.workers.keys()) out.set(uuid, this.meters.get(uuid)?.lanes() ?? []);
    return out;
  }

  /** One MappingMeters per mapping, kept across restarts so counters keep counting. */
  private metersFor(uuid: string): MappingMeters {
    let found = this.meters.get(uuid);
    if (found === undefined) {
      found = new MappingMeters(this.options.metrics!, uuid);
      this.meters.set(uuid, found);
    }
    return found;
  }

  /** Stops a mapping for good and deletes its checkpoints. */
  remove(uuid: string): Promise<void> {
    return this.exclusive(uuid, async () => {
      const current = this.workers.get(uuid);
      this.workers.delete(uuid);
      await current?.worker.stop();
      this.reporter.forget(uuid);
      this.meters.delete(uuid);
      await this.checkpoints.drop(uuid);
    });
  }

  /**
   * Rewinds a mapping: stops its worker (if running), moves every shard checkpoint to
   * TRIM_HORIZON or the first record at/after `timestampMs` (AT_TIMESTAMP), then starts it again
   * from there. A disabled mapping keeps the new checkpoints for when it is enabled. Records are
   * delivered again (at-least-once). Resolves once the new checkpoints are durable.
   */
  rewind(mapping: MappingDefinition, position: RewindPosition, timestampMs?: number): Promise<void> {
    return this.exclusive(mapping.uuid, async () => {
      if (this.closed) return;
      const current = this.workers.get(mapping.uuid);
      let after: Promise<void> = Promise.resolve();
      if (current !== undefined) {
        this.workers.delete(mapping.uuid);
        await current.worker.stop();
        after = current.worker.drained();
      }
      await this.checkpoints.load(mapping.uuid);
      const { streams, log, clock } = this.options;
      await rewindCheckpoints({ streams, log, checkpoints: this.checkpoints, now: clock.now() }, mapping, position, timestampMs);
      if (current === undefined) return;
      const worker = new MappingWorker(mapping, this.deps, after);
      this.workers.set(mapping.uuid, { worker, fingerprint: current.fingerprint });
      await worker.start();
    });
  }

  /** Stops every mapping (in-flight batches are abandoned without checkpointing) and flushes checkpoints. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.chains.values()]);
    const running = [...this.workers.values()];
    this.workers.clear();
    await Promise.all(running.map((r) => r.worker.stop()));
    await this.checkpoints.flush();
  }

  /** Writes pending checkpoints now (tests; close() does it too). */
  flushCheckpoints(): Promise<void> {
    return this.checkpoints.flush();
  }

  private exclusive(uuid: string, fn: () => Promise<void>): Promise<void> {
    const previous = this.chains.get(uuid) ?? Promise.resolve();
    const run = previous.then(fn, fn).catch((err: unknown) => {
      this.options.logger.error({ err, mapping: uuid }, 'event source mapping change failed');
    });
    this.chains.set(uuid, run);
    void run.finally(() => {
      if (this.chains.get(uuid) === run) this.chains.delete(uuid);
    });
    return run;
  }
}

/** The settings that change how a mapping processes records (a change restarts its worker). */
function behaviourOf(m: MappingDefinition): string {
  return JSON.stringify([
    m.eventSourceArn, m.functionName, m.qualifier ?? null, m.functionArn, m.batchSize, m.maximumBatchingWindowInSeconds,
    m.startingPosition, m.startingPositionTimestamp ?? null, m.parallelizationFactor, m.maximumRetryAttempts,
    m.maximumRecordAgeInSeconds, m.bisectBatchOnFunctionError, m.onFailureDestination ?? null, m.reportBatchItemFailures,
    m.tumblingWindowInSeconds, m.filterPatterns,
  ]);
}
