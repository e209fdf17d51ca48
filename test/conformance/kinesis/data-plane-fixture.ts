// An in-process data plane for tests: the real StreamRegistry on an in-memory SQLite store, a
// MemoryRecordLog, a ManualClock and an initialised RecordService, plus invoke(), which sends a
// JSON-shaped body through the Kinesis service (model validation, operation file, error mapping).

import { ManualClock } from '../../../src/engine/clock.js';
import { RecordService } from '../../../src/engine/streams/record-service.js';
import { StreamRegistry } from '../../../src/engine/streams/stream-registry.js';
import { SqliteStateStore } from '../../../src/storage/sqlite/sqlite-state-store.js';
import type { JsonRpcService, Operation, OperationInput, OperationOutput, RequestContext } from '../../../src/api/operation.js';
import { createKinesisService } from '../../../src/api/kinesis/kinesis-service.js';
import { MemoryRecordLog } from './memory-record-log.js';

export const ACCOUNT_ID = '000000000000';

export interface DataPlane {
  readonly clock: ManualClock;
  readonly log: MemoryRecordLog;
  readonly store: SqliteStateStore;
  readonly streams: StreamRegistry;
  readonly records: RecordService;
  readonly ctx: RequestContext;
  /** Shard log keys of failed PutRecords appends, as reported to onAppendError. */
  readonly appendErrors: string[];
  /** Runs an operation file with `input` as the validator would hand it over. */
  call(operation: Operation<{ readonly records: RecordService }>, input: OperationInput): Promise<OperationOutput>;
  /** Sends a JSON-wire body (blobs base64, timestamps epoch seconds) to a Kinesis operation. */
  invoke(operation: string, body: unknown): Promise<OperationOutput>;
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
  const appendErrors: string[] = [];
  const records = new RecordService({
    streams,
    log,
    clock,
    store,
    onAppendError: (_err, logKey) => appendErrors.push(logKey),
    ...(options.iteratorTtlMs !== undefined && { iteratorTtlMs: options.iteratorTtlMs }),
  });
  await records.init();
  const ctx: RequestContext = { requestId: 'test-request', accountId: ACCOUNT_ID, region: 'us-east-1', clock };
  const service: JsonRpcService = createKinesisService({ streams, records });
  return {
    clock,
    log,
    store,
    streams,
    records,
    ctx,
    appendErrors,
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
