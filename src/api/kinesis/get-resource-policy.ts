// GetResourcePolicy: the policy document attached to a stream.

import type { Operation } from '../operation.js';
import { resourcePolicyNotFound } from '../../errors/kinesis-errors.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { resourceStream } from './resource-ref.js';

export const getResourcePolicy: Operation<KinesisDeps> = {
  name: 'GetResourcePolicy',
  async handle(input, deps) {
    const stream = resourceStream(input, deps);
    const policy = deps.streams.policies.get(stream.arn);
    if (policy === undefined) throw resourcePolicyNotFound(input['ResourceARN'] as string);
    return { Policy: policy };
  },
};
