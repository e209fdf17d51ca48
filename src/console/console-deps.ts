// What the console reads and drives, as narrow ports onto the engine, mappings, functions and
// queues. The composition root (server.ts) fills it from the live subsystems; unit tests from fakes.

import type { DeliveryStreamStatus, StoredDeliveryStream } from '../delivery/delivery-stream-registry.js';
import type { JournalSnapshot } from '../delivery/pipeline/delivery-journal.js';
import type { StreamSource } from '../engine/streams/stream-lookup.js';
import type { FunctionRecord } from '../functions/function-record.js';
import type { MappingDefinition } from '../mappings/mapping-definition.js';
import type { MetricsHub } from '../metrics/metrics-hub.js';
import type { RecordLog } from '../storage/record-log.js';
import type { FunctionLogRing } from './function-log-ring.js';
import type { FunctionStats } from './function-stats.js';
import type { InvocationErrors } from './invocation-errors.js';
import type { QueuePort } from './queue-port.js';

/** The MetricsHub queries the console uses. */
export type ConsoleMetrics = Pick<MetricsHub, 'series' | 'top' | 'status'>;

/** The mapping operations the console offers (MappingRegistry + MappingEngine). */
export interface MappingPort {
  /** Every mapping, with its current state. */
  list(): readonly MappingDefinition[];
  /** Enables or disables a mapping (UpdateEventSourceMapping Enabled=…); throws MappingNotFoundError. */
  setEnabled(uuid: string, enabled: boolean): Promise<MappingDefinition>;
  /** Moves every shard checkpoint to the start position and restarts the mapping's readers. */
  rewind(uuid: string, position: 'TRIM_HORIZON' | 'AT_TIMESTAMP', timestampMs?: number): Promise<void>;
}

/** The functions the console lists. */
export interface FunctionPort {
  list(): readonly FunctionRecord[];
}

/** Puts records back into a stream (DLQ redrive of failed stream records). */
export interface RecordPutPort {
  putRecords(streamName: string, records: readonly { partitionKey: string; data: Buffer; explicitHashKey?: string }[]): Promise<void>;
}

/** The delivery streams (DeliveryStreamRegistry) and what the delivery journal saw of them. */
export interface DeliveryPort {
  /** Every delivery stream, sorted by name. */
  list(): readonly StoredDeliveryStream[];
  /** CREATING until the create delay passed, then ACTIVE. */
  statusOf(stream: StoredDeliveryStream): DeliveryStreamStatus;
  /** The stream's last deliveries and failures, newest first, and totals since start-up. */
  journal(name: string): JournalSnapshot;
  /** The S3-compatible endpoint S3 destinations deliver to (config firehose.s3.endpoint); absent: directory buckets. */
  readonly objectStoreEndpoint?: string;
}

export interface ConsoleDeps {
  readonly streams: StreamSource;
  readonly log: RecordLog;
  readonly metrics?: ConsoleMetrics;
  readonly mappings?: MappingPort;
  readonly functions?: FunctionPort;
  readonly functionLogs?: FunctionLogRing;
  readonly functionStats?: FunctionStats;
  readonly invocationErrors?: Pick<InvocationErrors, 'recent'>;
  readonly queues?: QueuePort;
  readonly records?: RecordPutPort;
  readonly deliveryStreams?: DeliveryPort;
  readonly now: () => number;
  readonly region: string;
}
