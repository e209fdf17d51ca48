// An in-process data plane for tests: the real StreamRegistry on an in-memory SQLite store, a
// MemoryRecordLog, a ManualClock and an initialised RecordService, plus invoke(), which sends a
// JSON-shaped body through model validation to the four data-plane operation files.

import { ManualClock } from '../../../src/engine/clock.js';
import { RecordService } from '../../../src/engine/streams/record-service.js';
import { StreamRegistry } from '../../../src/engine/streams/stream-registry.js';
import { SqliteStateStore } from '../../../src/storage/sqlite/sqlite-state-store.js';
import type { JsonRpcService, Operation, OperationInput, OperationOutput, RequestContext } from '../../../src/api/operation.js';
import { createModelService } from '../../../src/api/model/model-service.js';
import { loadServiceModel } from '../../../src/api/model/service-model.js';
import { mapStreamError } from '../../../src/api/kinesis/stream-error-mapping.js';
import { getRecords } from '../../../src/api/kinesis/get-records.js';
import { getShardIterator } from '../../../src/api/kinesis/get-shard-iterator.js';
import { putRecord } from '../../../src/api/kinesis/put-record.js';
import { putRecords } from '../../../src/api/kinesis/put-records.js';
import { MemoryRecordLog } from './memory-record-log.js';

export const ACCOUNT_ID = '000000000000';

export interface DataPlane {
  readonly clock: ManualClock;
  readonly log: MemoryRecordLog;
  readonly store: SqliteStateStore;
  readonly streams: StreamRegistry;
  readonly records: RecordService;
  readonly ctx: RequestContext;
  /** Runs an operation file with `input` as the validator would hand it over. */
  call(operation: Operation<{ readonly records: RecordService }>, input: OperationInput): Promise<OperationOutput>;
  /** Validates a JSON-wire body (blobs base64, timestamps epoch seconds) and runs the operation. */
  invoke(operation: 'PutRecord' | 'PutRecords' | 'GetShardIterator' | 'GetRecords', body: unknown): Promise<OperationOutput>;
  /** Creates an ACTIVE provisioned stream. */
  createStream(name: string, shardCount: number): Promise<void>;
  close(): Promise<void>;
}

export interface DataPlaneOptions {
  readonly createDelayMs?: number;
  readonly deleteDelayMs?: number;
  readonly iteratorTtlMs?: number;
  /** Reuse a store (to test iterators across a restart). */
  readonly store?: SqliteStateStore;
  readonly clock?: ManualClock;
}

export async function createDataPlane(options: DataPlaneOptions = {}): Promise<DataPlane> {
  const clock = options.clock ?? new ManualClock();
  const log = new MemoryRecordLog();
  const store = options.store ?? new SqliteStateStore({ path: ':memory:' });
  if (options.store === undefined) await store.open();
  const streams = new StreamRegistry({
    store,
    log,
    clock,
    accountId: ACCOUNT_ID,
    region: 'us-east-1',
    createDelayMs: options.createDelayMs ?? 0,
    deleteDelayMs: options.deleteDelayMs ?? 0,
    updateDelayMs: 0,
    shardLimit: 500,
    onDemandStreamCountLimit: 50,
  });
  await streams.load();
  const records = new RecordService({ streams, log, clock, store, ...(options.iteratorTtlMs !== undefined && { iteratorTtlMs: options.iteratorTtlMs }) });
  await records.init();
  const ctx: RequestContext = { requestId: 'test-request', accountId: ACCOUNT_ID, region: 'us-east-1', clock };
  const service: JsonRpcService = createModelService({
    model: loadServiceModel('kinesis'),
    targetPrefix: 'Kinesis_20131202',
    signingName: 'kinesis',
    jsonVersion: '1.1',
    operations: [putRecord, putRecords, getShardIterator, getRecords],
    deps: { records },
    mapError: mapStreamError,
  });
  return {
    clock,
    log,
    store,
    streams,
    records,
    ctx,
    call: (operation, input) => operation.handle(input, { records }, ctx),
    invoke: (operation, body) => service.invoke(operation, body, 'json', ctx),
    createStream: async (name, shardCount) => {
      await streams.create({ name, mode: 'PROVISIONED', shardCount });
    },
    close: async () => {
      await records.close();
      await streams.close();
      if (options.store === undefined) await store.close();
    },
  };
}

/** Runs `fn` and returns the AWS error it throws (fails the test when it does not throw one). */
export async function awsErrorOf(fn: () => Promise<unknown>): Promise<{ type: string; message: string; statusCode: number }> {
  try {
    await fn();
  } catch (err) {
    const e = err as { type?: string; message: string; statusCode?: number };
    if (typeof e.type !== 'string') throw err;
    return { type: e.type, message: e.message, statusCode: e.statusCode ?? 0 };
  }
  throw new Error('expected an AWS error');
}
