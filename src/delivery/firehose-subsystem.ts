// Composition of everything Firehose-shaped: the delivery stream registry, the sources (DirectPut
// log, Kinesis stream reader), the delivery engine and the JSON 1.1 service in front.
// server.ts calls createFirehoseSubsystem once and closes it on shutdown.

import type { Logger } from 'pino';
import { createFirehoseService } from '../api/firehose/firehose-service.js';
import type { JsonRpcService } from '../api/operation.js';
import type { Config } from '../config/config-schema.js';
import type { Clock } from '../engine/clock.js';
import type { RecordService } from '../engine/streams/record-service.js';
import type { StreamRegistry } from '../engine/streams/stream-registry.js';
import type { FunctionInvoker } from '../functions/function-invoker.js';
import type { MetricsHub } from '../metrics/metrics-hub.js';
import type { RecordLog } from '../storage/record-log.js';
import type { StateStore } from '../storage/state-store.js';
import type { DeliveryStreamDefinition } from './delivery-stream-definition.js';
import { destinationSinkFactory, s3EndpointFromConfig } from './destination-sink-factory.js';
import { createFormatter } from './format/formatter.js';
import { ParquetWorkerPool } from './format/parquet-worker-pool.js';
import { DeliveryEngine } from './pipeline/delivery-engine.js';
import type { DeliveryJournal } from './pipeline/delivery-journal.js';
import { DeliveryStreamRegistry, definitionOf, type StoredDeliveryStream } from './delivery-stream-registry.js';
import type { DeliverySource } from './pipeline/delivery-source.js';
import { DirectPutIngest, directPutShard } from './sources/direct-put-ingest.js';
import { DELIVERY_CHECKPOINTS, DirectPutSource } from './sources/direct-put-source.js';
import { KinesisStreamSource, startAtLatest } from './sources/kinesis-stream-source.js';

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
  /** Keeps each stream's last deliveries and failures (the console reads it). */
  readonly journal?: DeliveryJournal;
  /** Runs delivery for each stream; F2's DeliveryEngine unless given (tests). */
  readonly runner?: DeliveryRunner;
}

/** What the subsystem needs of the delivery engine. */
export interface DeliveryRunner {
  /** Starts delivering `stream` from `source` (which it iterates until stopped). */
  start(stream: DeliveryStreamDefinition, source: DeliverySource): void | Promise<void>;
  /** Stops delivering the named stream. */
  stop(name: string): Promise<void>;
  /** The stream is gone: stops it and deletes what it kept on disk (its spool). */
  discard(stream: DeliveryStreamDefinition): Promise<void>;
  close(): Promise<void>;
}

export interface FirehoseSubsystem {
  /** The Firehose_20150804 JSON-RPC service. */
  readonly services: JsonRpcService[];
  readonly registry: DeliveryStreamRegistry;
  /** Stops sources and the delivery engine; idempotent. */
  close(): Promise<void>;
}

export async function createFirehoseSubsystem(options: FirehoseSubsystemOptions): Promise<FirehoseSubsystem> {
  const { store, log, clock, logger } = options;
  const s3Endpoint = s3EndpointFromConfig(options.config.firehose.s3, options.region);
  // Conversion workers shared by every stream (started on the first Parquet buffer; one by default):
  // conversion stays off the event loop without taking more than that many cores from the API.
  const parquetPool = new ParquetWorkerPool({ size: options.config.firehose.parquetWorkers });
  const runner: DeliveryRunner =
    options.runner ??
    new DeliveryEngine({
      invoker: options.invoker,
      clock,
      logger,
      ...(options.metrics && { metrics: options.metrics }),
      dataDir: options.dataDir,
      sinkFactory: destinationSinkFactory({
        dataDir: options.dataDir, clock, fallbackSourceArn: `arn:aws:firehose:${options.region}:${options.accountId}:deliverystream/unknown`,
        ...(s3Endpoint !== undefined && { s3Endpoint }),
      }),
      formatter: (settings) => createFormatter(settings, { parquetPool }),
      region: options.region,
      ...(options.journal && { journal: options.journal }),
    });
  const ingest = new DirectPutIngest({ log, clock });
  const sources = new Map<string, DeliverySource>();

  const openSource = (stream: StoredDeliveryStream): DeliverySource | undefined => {
    if (stream.type === 'DirectPut') return new DirectPutSource({ stream, log, store, ingest });
    return new KinesisStreamSource({ stream, streams: options.streams, log, store });
  };
  const startDelivery = async (stream: StoredDeliveryStream): Promise<void> => {
    const source = openSource(stream);
    if (!source) return;
    sources.set(stream.name, source);
    await runner.start(definitionOf(stream), source);
  };
  const stopDelivery = async (name: string): Promise<void> => {
    await runner.stop(name);
    await sources.get(name)?.close();
    sources.delete(name);
  };

  const registry = new DeliveryStreamRegistry({
    store,
    clock,
    accountId: options.accountId,
    region: options.region,
    createDelayMs: options.config.kinesis.createDelayMs,
    deleteDelayMs: options.config.kinesis.deleteDelayMs,
    listener: {
      async created(stream, fresh) {
        if (stream.type === 'DirectPut') await log.createShard(directPutShard(stream));
        else if (fresh) await startAtLatest({ stream, streams: options.streams, log, store });
        await startDelivery(stream);
      },
      async updated(stream) {
        await stopDelivery(stream.name);
        await startDelivery(stream);
      },
      async deleting(stream) {
        await stopDelivery(stream.name);
      },
      async deleted(stream) {
        await stopDelivery(stream.name);
        options.journal?.forget(stream.name);
        await runner.discard(definitionOf(stream));
        if (stream.type === 'DirectPut') await log.deleteShard(directPutShard(stream));
        const checkpoints = await store.list(DELIVERY_CHECKPOINTS, { prefix: `${stream.name}/${stream.id}` });
        await store.commit(checkpoints.map((c) => ({ kind: 'delete' as const, collection: DELIVERY_CHECKPOINTS, key: c.key })));
      },
    },
  });
  await registry.load();
  logger.debug({ deliveryStreams: registry.list().length }, 'firehose subsystem ready');

  let closed: Promise<void> | undefined;
  return {
    services: [createFirehoseService({ registry, ingest, streams: options.streams })],
    registry,
    close: () =>
      (closed ??= (async () => {
        registry.close();
        for (const name of [...sources.keys()]) await stopDelivery(name);
        await runner.close();
        await parquetPool.close();
      })()),
  };
}
