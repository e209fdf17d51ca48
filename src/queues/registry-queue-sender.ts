// The QueueMessageSender other subsystems use (event source mapping on-failure destinations):
// delivers one attribute-less message to a queue of this server, found by its ARN.

import type { MessageService } from './message-service.js';
import { QueueNotFoundError, type QueueMessageSender } from './queue-message-sender.js';
import type { QueueRegistry } from './queue-registry.js';

export class RegistryQueueSender implements QueueMessageSender {
  constructor(
    private readonly registry: QueueRegistry,
    private readonly messages: MessageService,
  ) {}

  /** Rejects with QueueNotFoundError, or with an Error when the body exceeds MaximumMessageSize. */
  async sendToArn(queueArn: string, body: string): Promise<{ readonly messageId: string }> {
    const queue = this.registry.byArn(queueArn);
    if (!queue) throw new QueueNotFoundError(queueArn);
    const size = Buffer.byteLength(body, 'utf8');
    if (size > queue.settings.maximumMessageSize) {
      throw new Error(`message of ${size} bytes exceeds MaximumMessageSize ${queue.settings.maximumMessageSize} of ${queueArn}`);
    }
    const [sent] = await this.messages.send(queue, [{ body, attributes: {}, systemAttributes: {} }]);
    return { messageId: sent!.messageId };
  }
}
