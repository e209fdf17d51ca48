// Everything the composition root needs for the console: the observers that must exist before
// the Lambda and Firehose subsystems (function log ring, invocation statistics and errors, delivery journal)
// and the adapters that turn the live registries into the console's ports once everything is built.

import type { DeliveryStreamRegistry } from '../delivery/delivery-stream-registry.js';
import { DeliveryJournal } from '../delivery/pipeline/delivery-journal.js';
import type { Clock } from '../engine/clock.js';
import type { RecordService } from '../engine/streams/record-service.js';
import type { StreamSource } from '../engine/streams/stream-lookup.js';
import type { FunctionInvoker } from '../functions/function-invoker.js';
import type { FunctionRegistry } from '../functions/function-registry.js';
import type { RuntimeLogger } from '../functions/runtime/runtime-logger.js';
import type { MappingDefinition } from '../mappings/mapping-definition.js';
import type { MappingEngine } from '../mappings/mapping-engine.js';
import { PAGE_LIMIT, type MappingRegistry } from '../mappings/mapping-registry.js';
import type { MessageService } from '../queues/message-service.js';
import type { QueueRegistry } from '../queues/queue-registry.js';
import type { RecordLog } from '../storage/record-log.js';
import type { StateStore } from '../storage/state-store.js';
import type { ConsoleDeps, ConsoleMetrics, MappingPort, RecordPutPort } from './console-deps.js';
import { FunctionLogRing } from './function-log-ring.js';
import { FunctionStats } from './function-stats.js';
import { InvocationErrors } from './invocation-errors.js';
import { RegistryQueuePort } from './registry-queue-port.js';

export interface ConsoleParts {
  readonly streams: StreamSource;
  readonly log: RecordLog;
  readonly records: RecordService;
  readonly store: StateStore;
  readonly metrics?: ConsoleMetrics;
  readonly lambda?: { readonly functions: FunctionRegistry; readonly mappings: MappingRegistry; readonly engine: MappingEngine };
  readonly queues?: { readonly registry: QueueRegistry; readonly messages: MessageService };
  readonly deliveryStreams?: DeliveryStreamRegistry;
  /** config firehose.s3.endpoint, so the console names where S3 destinations land. */
  readonly objectStoreEndpoint?: string;
  readonly region: string;
}

export class ConsoleComposition {
  readonly functionLogs: FunctionLogRing;
  readonly functionStats: FunctionStats;
  readonly invocationErrors: InvocationErrors;
  /** For createFirehoseSubsystem's `journal` option. */
  readonly deliveryJournal: DeliveryJournal;

  constructor(private readonly clock: Clock) {
    const now = (): number => clock.now();
    this.functionLogs = new FunctionLogRing({ now });
    this.functionStats = new FunctionStats({ now });
    this.invocationErrors = new InvocationErrors({ now });
    this.deliveryJournal = new DeliveryJournal({ now });
  }

  /** For createLambdaSubsystem's `observe` option. */
  get observe(): { runtimeLogger(target: RuntimeLogger): RuntimeLogger; invoker(target: FunctionInvoker): FunctionInvoker } {
    return {
      runtimeLogger: (target) => this.functionLogs.tee(target),
      invoker: (target) => this.functionStats.wrap(this.invocationErrors.wrap(target)),
    };
  }

  /** The console's dependencies over the live subsystems. */
  deps(parts: ConsoleParts): ConsoleDeps {
    const { lambda, queues, deliveryStreams, clock } = { ...parts, clock: this.clock };
    const journal = this.deliveryJournal;
    return {
      streams: parts.streams,
      log: parts.log,
      region: parts.region,
      now: () => clock.now(),
      functionLogs: this.functionLogs,
      functionStats: this.functionStats,
      invocationErrors: this.invocationErrors,
      records: recordPutPort(parts.records),
      ...(parts.metrics ? { metrics: parts.metrics } : {}),
      ...(lambda ? { mappings: mappingPort(lambda.mappings, lambda.engine), functions: lambda.functions } : {}),
      ...(deliveryStreams ? { deliveryStreams: { list: () => deliveryStreams.list(), statusOf: (s) => deliveryStreams.statusOf(s), journal: (name) => journal.snapshot(name), ...(parts.objectStoreEndpoint !== undefined ? { objectStoreEndpoint: parts.objectStoreEndpoint } : {}) } } : {}),
      ...(queues ? { queues: new RegistryQueuePort({ registry: queues.registry, messages: queues.messages, store: parts.store, clock }) } : {}),
    };
  }
}

function mappingPort(registry: MappingRegistry, engine: MappingEngine): MappingPort {
  return {
    list() {
      const all: MappingDefinition[] = [];
      let marker: string | undefined;
      do {
        const page = registry.list({ maxItems: PAGE_LIMIT, ...(marker ? { marker } : {}) });
        all.push(...page.mappings);
        marker = page.nextMarker;
      } while (marker !== undefined);
      return all;
    },
    setEnabled: (uuid, enabled) => registry.update(uuid, { enabled }),
    rewind: (uuid, position, timestampMs) => engine.rewind(registry.get(uuid), position, timestampMs),
  };
}

function recordPutPort(records: RecordService): RecordPutPort {
  return {
    async putRecords(streamName, entries) {
      for (let i = 0; i < entries.length; i += 500) {
        const result = await records.putRecords({ streamName }, entries.slice(i, i + 500));
        if (result.failedRecordCount > 0) throw new Error(`${result.failedRecordCount} record(s) could not be put back into ${streamName}`);
      }
    },
  };
}
