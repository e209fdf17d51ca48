// Resolves the ResourceARN of the resource-level APIs (TagResource, policies): a stream ARN names
// a stream; a consumer ARN names a consumer, and none exist yet.

import type { OperationInput } from '../operation.js';
import { consumerNotFound } from '../../errors/kinesis-errors.js';
import { isConsumerArn } from '../../engine/streams/stream-arn.js';
import type { StreamState } from '../../engine/streams/stream-state.js';
import type { KinesisDeps } from './kinesis-deps.js';

/** The stream named by input.ResourceARN; throws ResourceNotFoundException for consumers and unknown streams. */
export function resourceStream(input: OperationInput, { streams }: KinesisDeps): StreamState {
  const arn = input['ResourceARN'] as string;
  if (isConsumerArn(arn)) throw consumerNotFound(arn, streams.accountId);
  return streams.require({ streamArn: arn });
}
