// DeleteStream: the stream is DELETING for the configured delay, then it and its records are gone.
// EnforceConsumerDeletion has nothing to enforce until consumers exist.

import type { Operation } from '../operation.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { streamRefOf } from './stream-ref-input.js';

export const deleteStream: Operation<KinesisDeps> = {
  name: 'DeleteStream',
  async handle(input, { streams }) {
    await streams.delete(streamRefOf(input));
    return {};
  },
};
