// PutResourcePolicy: attaches a policy document (a JSON object) to a stream. Recorded, not enforced.

import type { Operation } from '../operation.js';
import { invalidPolicyDocument } from '../../errors/kinesis-errors.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { resourceStream } from './resource-ref.js';

export const putResourcePolicy: Operation<KinesisDeps> = {
  name: 'PutResourcePolicy',
  async handle(input, deps) {
    const stream = resourceStream(input, deps);
    const policy = input['Policy'] as string;
    if (!isJsonObject(policy)) throw invalidPolicyDocument();
    await deps.streams.policies.put(stream.arn, policy);
    return {};
  },
};

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
