// The composition root: the only module that knows every layer. Turns a Config into a running
// server: storage (segment log, SQLite state) → engine (streams, records, retention) → api
// (Kinesis service) → http (gateway, routers, listener). close() undoes it in reverse order.

import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import type { JsonRpcService } from './api/operation.js';
import { createKinesisService } from './api/kinesis/kinesis-service.js';
import type { Config } from './config/config-schema.js';
import { systemClock, type Clock } from './engine/clock.js';
import { RecordService } from './engine/streams/record-service.js';
import { RetentionSweeper } from './engine/streams/retention-sweeper.js';
import { StreamRegistry } from './engine/streams/stream-registry.js';
import { createFirehoseSubsystem } from './delivery/firehose-subsystem.js';
import { createLambdaSubsystem } from './functions/lambda-subsystem.js';
import { createQueueSubsystem } from './queues/queue-subsystem.js';
import { Gateway } from './http/gateway.js';
import { JsonRpcRouter } from './http/json-rpc-router.js';
import { ConsoleComposition } from './console/console-composition.js';
import { DirectoryConsoleAssets } from './console/console-assets.js';
import { ConsoleRouter } from './http/console-router.js';
import { MetricsRouter } from './http/metrics-router.js';
import { startListener } from './http/listener.js';
import { createRequestListener } from './http/serve-request.js';
import { MetricsHub } from './metrics/metrics-hub.js';
import { queueSampler } from './metrics/queue-sampler.js';
import { SegmentRecordLog } from './storage/segment/segment-record-log.js';
import { SqliteStateStore } from './storage/sqlite/sqlite-state-store.js';

export interface TributaryServer {
  /** Base URL clients use as their endpoint, e.g. `http://127.0.0.1:4567`. */
  readonly url: string;
  /** The bound port (the real one when config.port is 0). */
  readonly port: number;
  /** Stops accepting, finishes in-flight requests, then closes engine and storage. Idempotent. */
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Defaults to pino JSON on stderr at config.logLevel. */
  readonly logger?: Logger;
  /** Defaults to the system clock. */
  readonly clock?: Clock;
}

/** Logs as JSON lines to stderr, written synchronously so nothing is lost at exit. */
export function createLogger(level: Config['logLevel']): Logger {
  return pino({ level, base: { pid: process.pid } }, pino.destination({ fd: 2, sync: true }));
}

/** Starts Tributary. On failure, whatever was already opened is closed again before rethrowing. */
export async function createServer(config: Config, options: ServerOptions = {}): Promise<TributaryServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const dataDir = resolve(config.dataDir);
  const closers: (() => Promise<void> | void)[] = [];
  const closeAll = async (): Promise<void> => {
    for (const close of closers.reverse()) {
      try {
        await close();
      } catch (err) {
        logger.error({ err }, 'error while closing');
      }
    }
    closers.length = 0;
  };

  try {
    await mkdir(dataDir, { recursive: true });
    const metrics = new MetricsHub({
      clock,
      enabled: config.metrics.enabled,
      retentionSeconds: config.metrics.retentionSeconds,
      shardResolutionSeconds: config.metrics.shardResolutionSeconds,
      memoryBytes: config.metrics.memoryBytes,
      hotKeyCapacity: config.metrics.hotKeys,
    });
    metrics.start();
    closers.push(() => metrics.close());
    const { segmentBytes, indexIntervalBytes, fsync } = config.storage;
    const log = new SegmentRecordLog({ dir: join(dataDir, 'records'), segmentBytes, indexIntervalBytes, fsync });
    await log.open();
    closers.push(() => log.close());

    const store = new SqliteStateStore({ path: join(dataDir, 'state.db') });
    await store.open();
    closers.push(() => store.close());

    const { kinesis } = config;
    const streams = new StreamRegistry({
      store,
      log,
      clock,
      accountId: config.accountId,
      region: config.region,
      createDelayMs: kinesis.createDelayMs,
      deleteDelayMs: kinesis.deleteDelayMs,
      updateDelayMs: kinesis.updateDelayMs,
      shardLimit: kinesis.shardLimit,
      onDemandStreamCountLimit: kinesis.onDemandStreamCountLimit,
    });
    await streams.load();
    closers.push(() => streams.close());

    const records = new RecordService({
      streams,
      log,
      clock,
      store,
      iteratorTtlMs: kinesis.iteratorTtlMs,
      onAppendError: (err, shard) => logger.error({ err, shard }, 'append failed'),
    });
    await records.init();
    closers.push(() => records.close());

    const sweeper = new RetentionSweeper({
      streams,
      log,
      clock,
      intervalMs: kinesis.retentionCheckIntervalMs,
      onError: (err) => logger.error({ err }, 'retention sweep failed'),
    });
    sweeper.start();
    closers.push(() => sweeper.stop());

    let serverUrl = '';
    const queues = await createQueueSubsystem({
      store,
      clock,
      logger,
      accountId: config.accountId,
      region: config.region,
      authMode: config.auth.mode,
      baseUrl: () => serverUrl,
    });
    closers.push(() => queues.close());

    const consoleParts = new ConsoleComposition(clock);
    metrics.addSampler(queueSampler(metrics, queues.registry, () => clock.now()));
    const lambda = await createLambdaSubsystem({
      store,
      log,
      streams,
      records,
      queues: queues.sender,
      clock,
      logger,
      accountId: config.accountId,
      region: config.region,
      authMode: config.auth.mode,
      dataDir,
      config,
      baseUrl: () => serverUrl,
      metrics,
      observe: consoleParts.observe,
    });
    closers.push(() => lambda.close());

    const firehose = await createFirehoseSubsystem({
      store,
      log,
      streams,
      records,
      invoker: lambda.invoker,
      clock,
      logger,
      metrics,
      dataDir,
      accountId: config.accountId,
      region: config.region,
      config,
      journal: consoleParts.deliveryJournal,
    });
    closers.push(() => firehose.close());

    const services: JsonRpcService[] = [
      createKinesisService({ streams, records }, { metrics }),
      ...firehose.services,
      ...queues.services,
    ];
    const gateway = new Gateway({
      logger,
      routers: [
        new MetricsRouter(metrics),
        new ConsoleRouter({
          deps: consoleParts.deps({ streams, log, records, store, lambda, queues, deliveryStreams: firehose.registry, ...(config.firehose.s3.endpoint !== undefined ? { objectStoreEndpoint: config.firehose.s3.endpoint } : {}), region: config.region, ...(config.metrics.enabled ? { metrics } : {}) }),
          assets: new DirectoryConsoleAssets(),
        }),
        ...lambda.routers,
        ...queues.routers,
        new JsonRpcRouter({ services, authMode: config.auth.mode, accountId: config.accountId, region: config.region, clock, logger }),
      ],
    });

    const tls = config.tls && { cert: await readFile(config.tls.certFile), key: await readFile(config.tls.keyFile) };
    const listener = await startListener({
      host: config.host,
      port: config.port,
      ...(tls ? { tls } : {}),
      onRequest: createRequestListener({ gateway, maxBodyBytes: config.http.maxBodyBytes, logger }),
      logger,
    });
    closers.push(() => listener.close());
    // Closers run in reverse: end parked SQS long polls first, so the listener's drain of
    // in-flight requests does not wait out a 20 s WaitTimeSeconds (queues.close() is idempotent).
    closers.push(() => queues.close());
    serverUrl = listener.url;
    logger.info({ url: listener.url, dataDir }, 'listening');

    let closed: Promise<void> | undefined;
    return {
      url: listener.url,
      port: listener.port,
      close: () => (closed ??= closeAll().then(() => logger.info('closed'))),
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
