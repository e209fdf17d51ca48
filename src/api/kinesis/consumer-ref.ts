// Resolves the consumer a DescribeStreamConsumer/DeregisterStreamConsumer request names (its ARN,
// or StreamARN + ConsumerName). No consumer exists yet, so every lookup ends in not found.

import type { OperationInput } from '../operation.js';
import { consumerNotFound, consumerReferenceMissing } from '../../errors/kinesis-errors.js';
import type { KinesisDeps } from './kinesis-deps.js';

export function requireConsumer(input: OperationInput, { streams }: KinesisDeps): never {
  const consumerArn = input['ConsumerARN'] as string | undefined;
  const streamArn = input['StreamARN'] as string | undefined;
  const consumerName = input['ConsumerName'] as string | undefined;
  if (consumerArn !== undefined) throw consumerNotFound(consumerArn, streams.accountId);
  if (streamArn === undefined || consumerName === undefined) throw consumerReferenceMissing();
  streams.require({ streamArn });
  throw consumerNotFound(consumerName, streams.accountId);
}
