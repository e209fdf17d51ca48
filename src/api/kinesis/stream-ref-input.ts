// Reads the stream a request names (StreamName and/or StreamARN, as the model allows) into the
// engine's StreamRef.

import type { OperationInput } from '../operation.js';
import type { StreamRef } from '../../engine/streams/stream-registry.js';

export function streamRefOf(input: OperationInput): StreamRef {
  const streamName = input['StreamName'];
  const streamArn = input['StreamARN'];
  return {
    ...(typeof streamName === 'string' && { streamName }),
    ...(typeof streamArn === 'string' && { streamArn }),
  };
}
