// The SQS-compatible queue subsystem's composition root: the queue engine over the StateStore,
// the JSON 1.0 service (X-Amz-Target AmazonSQS.*), the query-protocol router (Action=...), and
// the QueueMessageSender other subsystems deliver through. Queue URLs carry the request's Host
// (query) or the server's URL (JSON, whose operations do not see headers).

import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';
import type { JsonRpcService } from '../api/operation.js';
import { createSqsService } from '../api/sqs/sqs-service.js';
import { loadSqsModel } from '../api/sqs/sqs-model.js';
import { SQS_XML_NAMESPACE, sqsQueryNames } from '../api/sqs/sqs-query-names.js';
import type { Clock } from '../engine/clock.js';
import type { Router } from '../http/router.js';
import { SqsQueryRouter } from '../http/sqs-query-router.js';
import type { StateStore } from '../storage/state-store.js';
import { MessageService } from './message-service.js';
import type { QueueMessageSender } from './queue-message-sender.js';
import { QueueRegistry } from './queue-registry.js';
import type { TimerPort } from './receive-waiters.js';
import { RegistryQueueSender } from './registry-queue-sender.js';

export interface QueueSubsystemOptions {
  readonly store: StateStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly accountId: string;
  readonly region: string;
  readonly authMode: 'presence' | 'off';
  /** The server's own base URL (e.g. `http://127.0.0.1:4566`), for queue URLs when no Host is known. */
  readonly baseUrl: () => string;
  /** Timers for long polls (tests); real timers by default. */
  readonly timers?: TimerPort;
}

export interface QueueSubsystem {
  readonly routers: Router[];
  readonly services: JsonRpcService[];
  readonly sender: QueueMessageSender;
  /** The live queues and the message service (read and redriven by the console). */
  readonly registry: QueueRegistry;
  readonly messages: MessageService;
  /** Releases parked long polls (they answer with no messages). */
  close(): Promise<void>;
}

/** Loads the queues and messages from the store and wires the SQS protocols to them. */
export async function createQueueSubsystem(options: QueueSubsystemOptions): Promise<QueueSubsystem> {
  const { store, clock, logger, accountId, region, authMode, baseUrl } = options;
  const queues = new QueueRegistry({ store, clock, accountId, region });
  await queues.load();
  const messages = new MessageService({ registry: queues, store, clock, ...(options.timers ? { timers: options.timers } : {}) });

  // The query router runs each operation with the request's origin as the queue URL base.
  const requestOrigin = new AsyncLocalStorage<string>();
  const serviceLogger = { error: (obj: object, msg: string) => logger.error(obj, msg) };
  const service = createSqsService({ queues, messages, urlBase: () => requestOrigin.getStore() ?? baseUrl() }, { logger: serviceLogger });
  const queryRouter = new SqsQueryRouter({
    model: loadSqsModel(),
    names: sqsQueryNames,
    xmlNamespace: SQS_XML_NAMESPACE,
    invoke: (operation, input, ctx, origin) => requestOrigin.run(origin, () => service.invoke(operation, input, 'json', ctx)),
    serverUrl: baseUrl,
    authMode,
    accountId,
    region,
    clock,
    logger,
  });
  logger.info({ queues: queues.list().length }, 'queues loaded');

  return {
    routers: [queryRouter],
    services: [service],
    sender: new RegistryQueueSender(queues, messages),
    registry: queues,
    messages,
    close: async () => messages.close(),
  };
}
