// Domain errors of the queue engine. They carry facts, not wire text: src/api/sqs maps each to
// the AWS error with AWS's wording (src/errors/sqs-errors.ts).

export class QueueMissingError extends Error {
  constructor(readonly queueName: string) {
    super(`queue ${queueName} does not exist`);
    this.name = 'QueueMissingError';
  }
}

/** CreateQueue for an existing name with a different value for `attribute`. */
export class QueueNameTakenError extends Error {
  constructor(readonly attribute: string) {
    super(`queue exists with a different ${attribute}`);
    this.name = 'QueueNameTakenError';
  }
}

/** An attribute name that cannot be used here (unknown, read-only, or FIFO-only). */
export class UnknownQueueAttributeError extends Error {
  constructor(readonly attribute: string) {
    super(`unknown attribute ${attribute}`);
    this.name = 'UnknownQueueAttributeError';
  }
}

/** A queue attribute value out of range or malformed; `reason` set for RedrivePolicy problems. */
export class QueueAttributeValueError extends Error {
  constructor(
    readonly attribute: string,
    readonly value: string,
    readonly reason?: RedriveProblem,
  ) {
    super(`invalid value for ${attribute}`);
    this.name = 'QueueAttributeValueError';
  }
}

export type RedriveProblem =
  | { readonly kind: 'malformed' }
  | { readonly kind: 'missing'; readonly field: 'deadLetterTargetArn' | 'maxReceiveCount' }
  | { readonly kind: 'bad-arn' }
  | { readonly kind: 'bad-count'; readonly count: string }
  | { readonly kind: 'no-target' };

/** A receipt handle that does not decode, or belongs to another queue. */
export class ReceiptHandleInvalidError extends Error {
  constructor(readonly handle: string) {
    super('invalid receipt handle');
    this.name = 'ReceiptHandleInvalidError';
  }
}

/** ChangeMessageVisibility for a message that is gone or was received again since the handle. */
export class MessageUnavailableError extends Error {
  constructor(readonly handle: string) {
    super('message does not exist or is not available for visibility timeout change');
    this.name = 'MessageUnavailableError';
  }
}

/** ChangeMessageVisibility for a message that is visible (not in flight). */
export class MessageNotInflightError extends Error {
  constructor() {
    super('message is not in flight');
    this.name = 'MessageNotInflightError';
  }
}

/** ChangeMessageVisibility that would keep a message invisible beyond 12 h from its receive. */
export class VisibilityLimitError extends Error {
  constructor(readonly visibilityTimeout: number) {
    super('total visibility timeout beyond 43200 seconds');
    this.name = 'VisibilityLimitError';
  }
}

export class PurgeInProgressError extends Error {
  constructor(readonly queueName: string) {
    super(`queue ${queueName} was purged less than 60 seconds ago`);
    this.name = 'PurgeInProgressError';
  }
}

/** FIFO queues (FifoQueue=true) are not implemented. */
export class FifoUnsupportedError extends Error {
  constructor() {
    super('FIFO queues are not supported');
    this.name = 'FifoUnsupportedError';
  }
}
