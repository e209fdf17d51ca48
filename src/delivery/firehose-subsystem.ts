// Composition of everything Firehose-shaped: the delivery stream registry, the sources (DirectPut
// log, Kinesis stream reader), the delivery engine and the JSON 1.1 service in front.
// server.ts calls createFirehoseSubsystem once and closes it on shutdown.

import type { Logger } from 'pino';
import type { JsonRpcService } from '../api/operation.js';
import type { Config } from '../config/config-schema.js';
import type { Clock } from '../engine/clock.js';
import type { RecordService } from '../engine/streams/record-service.js';
import type { StreamRegistry } from '../engine/streams/stream-registry.js';
import type { FunctionInvoker } from '../functions/function-invoker.js';
import type { MetricsHub } from '../metrics/metrics-hub.js';
import type { RecordLog } from '../storage/record-log.js';
import type { StateStore } from '../storage/state-store.js';

export interface FirehoseSubsystemOptions {
  readonly store: StateStore;
  readonly log: RecordLog;
  readonly streams: StreamRegistry;
  readonly records: RecordService;
  readonly invoker: FunctionInvoker;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics?: MetricsHub;
  readonly dataDir: string;
  readonly accountId: string;
  readonly region: string;
  readonly config: Config;
}

export interface FirehoseSubsystem {
  /** The Firehose_20150804 JSON-RPC service (empty until the API lands). */
  readonly services: JsonRpcService[];
  /** Stops sources and the delivery engine; idempotent. */
  close(): Promise<void>;
}

export async function createFirehoseSubsystem(options: FirehoseSubsystemOptions): Promise<FirehoseSubsystem> {
  void options;
  return { services: [], close: async () => {} };
}
