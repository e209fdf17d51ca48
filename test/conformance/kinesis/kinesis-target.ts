// The endpoint the Kinesis conformance tests talk to: today the in-process service (the full
// Kinesis service on an in-memory store and log, driven by a ManualClock). Tests only use call()
// and error() with JSON-wire bodies and read JSON-wire outputs, so they could point elsewhere.

import { ManualClock } from '../../../src/engine/clock.js';
import { RecordService } from '../../../src/engine/streams/record-service.js';
import { StreamRegistry, type StreamRegistryOptions } from '../../../src/engine/streams/stream-registry.js';
import { SqliteStateStore } from '../../../src/storage/sqlite/sqlite-state-store.js';
import type { RequestContext } from '../../../src/api/operation.js';
import { createKinesisService } from '../../../src/api/kinesis/kinesis-service.js';
import { encodeJson } from '../../../src/protocol/json-codec.js';
import { MemoryRecordLog } from './memory-record-log.js';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';

export interface KinesisTarget {
  readonly clock: ManualClock;
  readonly streams: StreamRegistry;
  readonly log: MemoryRecordLog;
  /** Sends `body` (as JSON would carry it) to `operation`; resolves with the output as JSON would carry it. */
  call(operation: string, body?: Record<string, unknown>): Promise<Record<string, any>>;
  /** Sends a request that must fail; resolves with the AWS error type and message. */
  error(operation: string, body?: Record<string, unknown>): Promise<{ type: string; message: string }>;
  /** The stream ARN of `name`. */
  arn(name: string): string;
  close(): Promise<void>;
}

export type TargetOptions = Partial<
  Pick<StreamRegistryOptions, 'createDelayMs' | 'deleteDelayMs' | 'updateDelayMs' | 'shardLimit' | 'onDemandStreamCountLimit'>
>;

export async function openTarget(options: TargetOptions = {}): Promise<KinesisTarget> {
  const clock = new ManualClock();
  const log = new MemoryRecordLog();
  const store = new SqliteStateStore({ path: ':memory:' });
  await store.open();
  const streams = new StreamRegistry({
    store,
    log,
    clock,
    accountId: ACCOUNT,
    region: REGION,
    createDelayMs: 0,
    deleteDelayMs: 0,
    updateDelayMs: 0,
    shardLimit: 500,
    onDemandStreamCountLimit: 50,
    ...options,
  });
  await streams.load();
  const records = new RecordService({ streams, log, clock, store });
  await records.init();
  const service = createKinesisService({ streams, records });
  const ctx: RequestContext = { requestId: 'conformance', accountId: ACCOUNT, region: REGION, clock };
  const call = async (operation: string, body: Record<string, unknown> = {}) => {
    const output = await service.invoke(operation, JSON.parse(JSON.stringify(body)), 'json', ctx);
    return JSON.parse(encodeJson(output).toString('utf8')) as Record<string, any>;
  };
  return {
    clock,
    streams,
    log,
    call,
    async error(operation, body = {}) {
      try {
        await call(operation, body);
      } catch (err) {
        const e = err as { type?: string; message: string };
        if (typeof e.type !== 'string') throw err;
        return { type: e.type, message: e.message };
      }
      throw new Error(`${operation} succeeded but was expected to fail`);
    },
    arn: (name) => `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${name}`,
    async close() {
      await records.close();
      await streams.close();
      await store.close();
    },
  };
}

/** Runs `fn` against a fresh target and closes it afterwards. */
export async function withTarget(fn: (t: KinesisTarget) => Promise<void>, options: TargetOptions = {}): Promise<void> {
  const target = await openTarget(options);
  try {
    await fn(target);
  } finally {
    await target.close();
  }
}

export function notFound(name: string, account = ACCOUNT): { type: string; message: string } {
  return { type: 'ResourceNotFoundException', message: `Stream ${name} under account ${account} not found.` };
}
