// A real stack for mapping engine tests: SegmentRecordLog and SQLite state store in a temp dir,
// StreamRegistry and RecordService (so puts notify pollers as in the server), a FakeInvoker, a
// collecting queue sender and status sink, a ManualClock and a ManualSleeper.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { ManualClock } from '../../../engine/clock.js';
import { RecordService } from '../../../engine/streams/record-service.js';
import { StreamRegistry } from '../../../engine/streams/stream-registry.js';
import { QueueNotFoundError, type QueueMessageSender } from '../../../queues/queue-message-sender.js';
import { SegmentRecordLog } from '../../../storage/segment/segment-record-log.js';
import { SqliteStateStore } from '../../../storage/sqlite/sqlite-state-store.js';
import type { MappingDefinition, MappingStatusSink } from '../../mapping-definition.js';
import { MappingEngine, type MappingEngineOptions } from '../../mapping-engine.js';
import { ManualSleeper } from '../manual-sleeper.js';
import { FakeInvoker } from './fake-invoker.js';

export const STREAM = 'mapped';
export const STREAM_ARN = `arn:aws:kinesis:us-east-1:000000000000:stream/${STREAM}`;
export const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:fn';
export const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:dlq';

export class CollectingQueue implements QueueMessageSender {
  readonly messages: { queueArn: string; body: string }[] = [];
  async sendToArn(queueArn: string, body: string): Promise<{ messageId: string }> {
    if (queueArn !== QUEUE_ARN) throw new QueueNotFoundError(queueArn);
    this.messages.push({ queueArn, body });
    return { messageId: String(this.messages.length) };
  }
}

export class CollectingStatus implements MappingStatusSink {
  readonly results: string[] = [];
  setLastProcessingResult(_uuid: string, result: string): void {
    this.results.push(result);
  }
}

export interface Harness {
  readonly dir: string;
  readonly clock: ManualClock;
  readonly sleeper: ManualSleeper;
  readonly store: SqliteStateStore;
  readonly log: SegmentRecordLog;
  readonly streams: StreamRegistry;
  readonly records: RecordService;
  readonly invoker: FakeInvoker;
  readonly queue: CollectingQueue;
  readonly status: CollectingStatus;
  engine: MappingEngine;
  /** Puts records (partition key, UTF-8 data) to the stream; returns their sequence numbers. */
  put(records: readonly (readonly [string, string | Buffer])[]): Promise<string[]>;
  /** A new engine on the same storage (the old one must be closed). */
  restart(options?: Partial<MappingEngineOptions>): MappingEngine;
  close(): Promise<void>;
}

export async function createHarness(shardCount = 1, options: Partial<MappingEngineOptions> = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'tributary-mapping-engine-'));
  const clock = new ManualClock(1_700_000_000_000);
  const sleeper = new ManualSleeper(clock);
  const store = new SqliteStateStore({ path: join(dir, 'state.db') });
  await store.open();
  const log = new SegmentRecordLog({ dir: join(dir, 'records'), fsync: false });
  await log.open();
  const streams = new StreamRegistry({
    store, log, clock, accountId: '000000000000', region: 'us-east-1', createDelayMs: 0, deleteDelayMs: 0, updateDelayMs: 0,
    shardLimit: 100, onDemandStreamCountLimit: 10,
  });
  await streams.load();
  await streams.create({ name: STREAM, mode: 'PROVISIONED', shardCount });
  const records = new RecordService({ streams, log, clock, store });
  await records.init();
  const invoker = new FakeInvoker();
  const queue = new CollectingQueue();
  const status = new CollectingStatus();
  const make = (extra: Partial<MappingEngineOptions> = {}): MappingEngine =>
    new MappingEngine({
      streams, log, invoker, queues: queue, store, clock, logger: pino({ level: 'silent' }), status, dataDir: dir,
      accountId: '000000000000', region: 'us-east-1', sleeper, tuning: { retryBaseDelayMs: 0, checkpointIntervalMs: 0 }, ...options, ...extra,
    });
  const harness: Harness = {
    dir, clock, sleeper, store, log, streams, records, invoker, queue, status,
    engine: make(),
    async put(entries) {
      const out = await records.putRecords({ streamName: STREAM }, entries.map(([partitionKey, data]) => ({ partitionKey, data: Buffer.from(data) })));
      return out.sequenceNumbers.map((s) => s!);
    },
    restart(extra) {
      harness.engine = make(extra);
      return harness.engine;
    },
    async close() {
      await harness.engine.close();
      await streams.close();
      await log.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** A mapping of function `fn` on the test stream with AWS's defaults (TRIM_HORIZON). */
export function mappingOf(overrides: Partial<MappingDefinition> = {}): MappingDefinition {
  return {
    uuid: '11111111-2222-4333-8444-555555555555',
    arn: 'arn:aws:lambda:us-east-1:000000000000:event-source-mapping:11111111-2222-4333-8444-555555555555',
    eventSourceArn: STREAM_ARN,
    functionName: 'fn',
    functionArn: FUNCTION_ARN,
    enabled: true,
    state: 'Enabled',
    batchSize: 100,
    maximumBatchingWindowInSeconds: 0,
    startingPosition: 'TRIM_HORIZON',
    parallelizationFactor: 1,
    maximumRetryAttempts: -1,
    maximumRecordAgeInSeconds: -1,
    bisectBatchOnFunctionError: false,
    reportBatchItemFailures: false,
    tumblingWindowInSeconds: 0,
    filterPatterns: [],
    lastModified: 0,
    lastProcessingResult: 'No records processed',
    stateTransitionReason: 'USER_INITIATED',
    echoed: {},
    ...overrides,
  };
}

/** Lets pending promise callbacks and I/O run (for "nothing else happened" checks). */
export async function settle(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}
