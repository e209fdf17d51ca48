// A real engine stack for console tests: SegmentRecordLog and SQLite in a temp dir, a
// StreamRegistry with stream "orders" (2 shards), a RecordService and a ManualClock.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../engine/clock.js';
import { RecordService } from '../engine/streams/record-service.js';
import { StreamRegistry } from '../engine/streams/stream-registry.js';
import { SegmentRecordLog } from '../storage/segment/segment-record-log.js';
import { SqliteStateStore } from '../storage/sqlite/sqlite-state-store.js';
import type { ConsoleDeps } from './console-deps.js';
import { handleApi, type ApiResponse } from './console-api.js';

export const T0 = 1_700_000_000_000;

export interface Stack {
  readonly clock: ManualClock;
  readonly store: SqliteStateStore;
  readonly log: SegmentRecordLog;
  readonly streams: StreamRegistry;
  readonly records: RecordService;
  /** Puts [partitionKey, data] records to "orders"; returns their sequence numbers and shard ids. */
  put(entries: readonly (readonly [string, string | Buffer])[]): Promise<{ seq: string; shardId: string }[]>;
  deps(extra?: Partial<ConsoleDeps>): ConsoleDeps;
  call(deps: ConsoleDeps, method: string, pathAndQuery: string, body?: unknown): Promise<ApiResponse>;
  close(): Promise<void>;
}

export async function createStack(): Promise<Stack> {
  const dir = await mkdtemp(join(tmpdir(), 'tributary-console-'));
  const clock = new ManualClock(T0);
  const store = new SqliteStateStore({ path: join(dir, 'state.db') });
  await store.open();
  const log = new SegmentRecordLog({ dir: join(dir, 'records'), fsync: false });
  await log.open();
  const streams = new StreamRegistry({
    store, log, clock, accountId: '000000000000', region: 'us-east-1', createDelayMs: 0, deleteDelayMs: 0, updateDelayMs: 0,
    shardLimit: 100, onDemandStreamCountLimit: 10,
  });
  await streams.load();
  await streams.create({ name: 'orders', mode: 'PROVISIONED', shardCount: 2 });
  const records = new RecordService({ streams, log, clock, store });
  await records.init();
  return {
    clock, store, log, streams, records,
    async put(entries) {
      const out = await records.putRecords({ streamName: 'orders' }, entries.map(([partitionKey, data]) => ({ partitionKey, data: Buffer.from(data) })));
      return out.sequenceNumbers.map((seq, i) => ({ seq: seq!, shardId: out.shardIds[i]! }));
    },
    deps(extra = {}) {
      return { streams, log, region: 'us-east-1', now: () => clock.now(), ...extra };
    },
    call(deps, method, pathAndQuery, body) {
      const url = new URL(pathAndQuery, 'http://x');
      return handleApi(deps, { method, path: url.pathname, query: url.searchParams, body: body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body)) });
    },
    async close() {
      await records.close();
      await streams.close();
      await log.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
