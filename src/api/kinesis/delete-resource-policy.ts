// DeleteResourcePolicy: removes the policy attached to a stream.

import type { Operation } from '../operation.js';
import { resourcePolicyNotFound } from '../../errors/kinesis-errors.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { resourceStream } from './resource-ref.js';

export const deleteResourcePolicy: Operation<KinesisDeps> = {
  name: 'DeleteResourcePolicy',
  async handle(input, deps) {
    const stream = resourceStream(input, deps);
    if (!(await deps.streams.policies.delete(stream.arn))) throw resourcePolicyNotFound(input['ResourceARN'] as string);
    return {};
  },
};
