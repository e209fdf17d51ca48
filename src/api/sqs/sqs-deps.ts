// What SQS operations work with: the queue engine, and where queue URLs point.

import type { MessageService } from '../../queues/message-service.js';
import type { QueueRegistry } from '../../queues/queue-registry.js';

export interface SqsDeps {
  readonly queues: QueueRegistry;
  readonly messages: MessageService;
  /**
   * `scheme://host[:port]` that queue URLs start with: the request's Host for the query protocol,
   * the server's own URL for JSON (whose operations do not see headers).
   */
  readonly urlBase: () => string;
}
