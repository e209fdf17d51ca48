// The narrow view of the queue service that other subsystems (event source mapping on-failure
// destinations) use to deliver a message to an SQS-compatible queue by its ARN.

export interface QueueMessageSender {
  /**
   * Sends one message (body as given, no attributes) to the queue with this ARN
   * (`arn:aws:sqs:<region>:<account>:<name>`). Resolves once the message is durable.
   * Rejects with QueueNotFoundError when no such queue exists.
   */
  sendToArn(queueArn: string, body: string): Promise<{ readonly messageId: string }>;
}

export class QueueNotFoundError extends Error {
  constructor(readonly queue: string) {
    super(`queue ${queue} does not exist`);
    this.name = 'QueueNotFoundError';
  }
}
