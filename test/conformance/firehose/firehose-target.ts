// The endpoint the Firehose conformance tests talk to: the in-process gateway with the JSON-RPC
// router over the Firehose subsystem (real segment log in a temp dir, in-memory store, ManualClock)
// and an optional recording DeliveryRunner standing in for the delivery engine.

import pino from 'pino';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig, type ConfigOverrides } from '../../../src/config/build-config.js';
import { createFirehoseSubsystem, type DeliveryRunner, type FirehoseSubsystem } from '../../../src/delivery/firehose-subsystem.js';
import { ManualClock } from '../../../src/engine/clock.js';
import { RecordService } from '../../../src/engine/streams/record-service.js';
import { StreamRegistry } from '../../../src/engine/streams/stream-registry.js';
import type { FunctionInvoker } from '../../../src/functions/function-invoker.js';
import { Gateway } from '../../../src/http/gateway.js';
import { JsonRpcRouter } from '../../../src/http/json-rpc-router.js';
import { SegmentRecordLog } from '../../../src/storage/segment/segment-record-log.js';
import { SqliteStateStore } from '../../../src/storage/sqlite/sqlite-state-store.js';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';
const AUTH = 'AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/firehose/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc';

export interface FirehoseAnswer {
  readonly status: number;
  readonly body: Record<string, any>;
}

export interface FirehoseTarget {
  readonly clock: ManualClock;
  readonly dataDir: string;
  readonly subsystem: FirehoseSubsystem;
  readonly streams: StreamRegistry;
  readonly records: RecordService;
  readonly log: SegmentRecordLog;
  json(operation: string, body?: Record<string, unknown>): Promise<FirehoseAnswer>;
  call(operation: string, body?: Record<string, unknown>): Promise<Record<string, any>>;
  error(operation: string, body?: Record<string, unknown>): Promise<{ status: number; type: string; message: string }>;
  /** Restarts the subsystem over the same log and store (as after a crash). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export const S3_DESTINATION = { RoleARN: 'arn:aws:iam::000000000000:role/r', BucketARN: 'arn:aws:s3:::bucket' };

export async function openFirehoseTarget(runner?: () => DeliveryRunner, overrides: ConfigOverrides = {}): Promise<FirehoseTarget> {
  const clock = new ManualClock();
  const logger = pino({ level: 'silent' });
  const dir = await mkdtemp(join(tmpdir(), 'firehose-conf-'));
  const store = new SqliteStateStore({ path: join(dir, 'state.db') });
  await store.open();
  const log = new SegmentRecordLog({ dir: join(dir, 'records'), fsync: false });
  await log.open();
  const config = resolveConfig({ ...overrides, dataDir: dir });
  const streams = new StreamRegistry({
    store, log, clock, accountId: ACCOUNT, region: REGION,
    createDelayMs: 0, deleteDelayMs: 0, updateDelayMs: 0, shardLimit: 100, onDemandStreamCountLimit: 10,
  });
  await streams.load();
  const records = new RecordService({ streams, log, clock, store });
  await records.init();
  const invoker = {} as FunctionInvoker;
  const open = (): Promise<FirehoseSubsystem> =>
    createFirehoseSubsystem({
      store, log, streams, records, invoker, clock, logger, dataDir: dir, accountId: ACCOUNT, region: REGION, config,
      ...(runner && { runner: runner() }),
    });
  let subsystem = await open();
  let gateway: Gateway;
  const route = (): void => {
    gateway = new Gateway({ logger, routers: [new JsonRpcRouter({ services: subsystem.services, authMode: 'presence', accountId: ACCOUNT, region: REGION, clock, logger })] });
  };
  route();
  const json = async (operation: string, body: Record<string, unknown> = {}): Promise<FirehoseAnswer> => {
    const reply = await gateway.handle({
      requestId: randomUUID(),
      method: 'POST',
      url: '/',
      headers: { host: 'localhost', authorization: AUTH, 'x-amz-date': '20240101T000000Z', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Firehose_20150804.${operation}` },
      body: Buffer.from(JSON.stringify(body), 'utf8'),
    });
    return { status: reply.status, body: JSON.parse(reply.body.toString('utf8')) as Record<string, any> };
  };
  const call = async (operation: string, body: Record<string, unknown> = {}): Promise<Record<string, any>> => {
    const answer = await json(operation, body);
    if (answer.status !== 200) throw new Error(`${operation} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  return {
    clock,
    dataDir: dir,
    get subsystem() {
      return subsystem;
    },
    streams,
    records,
    log,
    json,
    call,
    async error(operation, body = {}) {
      const answer = await json(operation, body);
      if (answer.status === 200) throw new Error(`${operation} succeeded but was expected to fail`);
      return { status: answer.status, type: String(answer.body.__type), message: String(answer.body.message ?? answer.body.Message) };
    },
    async restart() {
      await subsystem.close();
      subsystem = await open();
      route();
    },
    async close() {
      await subsystem.close();
      await records.close();
      await streams.close();
      await log.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function withFirehose(body: (t: FirehoseTarget) => Promise<void>, runner?: () => DeliveryRunner, overrides?: ConfigOverrides): Promise<void> {
  const target = await openFirehoseTarget(runner, overrides);
  try {
    await body(target);
  } finally {
    await target.close();
  }
}
