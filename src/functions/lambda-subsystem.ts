// Composition of everything Lambda-shaped: the function registry, the worker runtime that runs
// functions, the event source mapping registry and engine, and the rest-json router in front.
// server.ts calls createLambdaSubsystem once and closes it on shutdown.

import type { Logger } from 'pino';
import { createLambdaService } from '../api/lambda/lambda-service.js';
import type { Config } from '../config/config-schema.js';
import type { Clock } from '../engine/clock.js';
import type { RecordService } from '../engine/streams/record-service.js';
import type { StreamRegistry } from '../engine/streams/stream-registry.js';
import { lambdaServiceException } from '../errors/lambda-errors.js';
import { RestJsonRouter } from '../http/rest-json-router.js';
import type { Router } from '../http/router.js';
import type { MappingStatusSink } from '../mappings/mapping-definition.js';
import { MappingEngine } from '../mappings/mapping-engine.js';
import { MappingRegistry } from '../mappings/mapping-registry.js';
import { mappingStatusSource } from '../metrics/mapping-status-source.js';
import { meteredInvoker } from '../metrics/metered-invoker.js';
import type { MetricsHub } from '../metrics/metrics-hub.js';
import type { QueueMessageSender } from '../queues/queue-message-sender.js';
import type { RecordLog } from '../storage/record-log.js';
import type { StateStore } from '../storage/state-store.js';
import { registerConfiguredFunctions } from './configured-functions.js';
import { EventInvocations } from './event-invocations.js';
import type { FunctionInvoker } from './function-invoker.js';
import { FunctionRegistry } from './function-registry.js';
import { lambdaBaseEnvironment } from './lambda-base-environment.js';
import { UrlGatedInvoker } from './url-gated-invoker.js';
import type { RuntimeLogger } from './runtime/runtime-logger.js';
import { WorkerFunctionRuntime } from './runtime/worker-function-runtime.js';

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
  /**
   * The server's URL once it listens ('' before): functions see it as AWS_ENDPOINT_URL, so AWS SDKs
   * in handlers call back into Tributary. Without it functions get no endpoint or credentials.
   */
  readonly baseUrl?: () => string;
  /** Function and mapping metrics (Invocations, Errors, Duration, ..., PolledEventCount, ...) and mapping status. */
  readonly metrics?: MetricsHub;
  /** Observers (the console): wrap the logger function output goes to, and the invoker every caller uses. */
  readonly observe?: {
    runtimeLogger?(target: RuntimeLogger): RuntimeLogger;
    invoker?(target: FunctionInvoker): FunctionInvoker;
  };
}

export interface LambdaSubsystem {
  /** The rest-json router claiming `/2015-03-31/...` paths. */
  readonly routers: Router[];
  /** Runs functions (used by other subsystems, e.g. Firehose transforms later). */
  readonly invoker: FunctionInvoker;
  /** The function registry (read by the console). */
  readonly functions: FunctionRegistry;
  /** The event source mapping registry and the engine running them (the console enables, disables, rewinds). */
  readonly mappings: MappingRegistry;
  readonly engine: MappingEngine;
  /** Stops mappings, then the runtime; idempotent. */
  close(): Promise<void>;
}

/** Lets the mapping engine report to the registry that is built after it. */
class ForwardingStatusSink implements MappingStatusSink {
  target: MappingStatusSink | undefined;
  setLastProcessingResult(uuid: string, result: string): void {
    this.target?.setLastProcessingResult(uuid, result);
  }
}

/** Loads persisted functions and mappings and starts them. */
export async function createLambdaSubsystem(options: LambdaSubsystemOptions): Promise<LambdaSubsystem> {
  const { store, clock, logger, accountId, region, dataDir, config } = options;
  const functions = new FunctionRegistry({ store, clock, dataDir, accountId, region, defaultConcurrency: config.lambda.defaultConcurrency });
  await functions.load();
  await registerConfiguredFunctions(functions, config.functions, { logger, accountId, defaultConcurrency: config.lambda.defaultConcurrency });

  const { baseUrl } = options;
  const runtime = new WorkerFunctionRuntime({
    functions,
    logger: options.observe?.runtimeLogger?.(logger) ?? logger,
    clock,
    dataDir,
    maxQueuedInvocations: config.lambda.maxQueuedInvocations,
    idleTimeoutMs: config.lambda.idleTimeoutMs,
    ...(baseUrl && { baseEnvironment: () => lambdaBaseEnvironment({ endpointUrl: baseUrl(), region, path: process.env.PATH }) }),
  });
  const invoker: FunctionInvoker = meteredInvoker(options.observe?.invoker?.(runtime) ?? runtime, options.metrics);
  // Mappings start before the server listens: their first invocations wait for its URL, so no
  // instance starts without AWS_ENDPOINT_URL.
  const gated = baseUrl ? new UrlGatedInvoker(invoker, baseUrl) : undefined;
  const status = new ForwardingStatusSink();
  const engine = new MappingEngine({
    streams: options.streams,
    log: options.log,
    records: options.records,
    invoker: gated ?? invoker,
    queues: options.queues,
    store,
    clock,
    logger,
    status,
    dataDir,
    accountId,
    region,
    functions,
    tuning: config.mappings,
    ...(options.metrics && { metrics: options.metrics }),
  });

  const mappings = new MappingRegistry({ store, clock, runner: engine, streams: options.streams, functions, accountId, region, logger });
  status.target = mappings;
  await mappings.load();
  options.metrics?.setMappingStatusSource(mappingStatusSource(mappings, engine));

  // Events persisted before a restart resume now, through the gate like mappings' invocations.
  const events = new EventInvocations({
    invoker: gated ?? invoker,
    logger,
    store,
    clock,
    maxPending: config.lambda.maxPendingEvents,
    retryDelaysMs: config.lambda.eventRetryDelaysMs,
  });
  await events.load();
  const service = createLambdaService({ functions, invoker, events, mappings, accountId, region }, { logger });
  const router = new RestJsonRouter({
    service,
    pathPrefixes: ['/2015-03-31/'],
    authMode: options.authMode,
    accountId,
    region,
    clock,
    logger,
    internalError: lambdaServiceException,
  });

  let closed: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    gated?.close();
    await mappings.close();
    await engine.close();
    await events.close();
    await runtime.close();
  };
  return { routers: [router], invoker, functions, mappings, engine, close: () => (closed ??= close()) };
}
