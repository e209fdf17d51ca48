// DeregisterStreamConsumer: enhanced fan-out consumers are not supported yet; every consumer is unknown.

import type { Operation } from '../operation.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { requireConsumer } from './consumer-ref.js';

export const deregisterStreamConsumer: Operation<KinesisDeps> = {
  name: 'DeregisterStreamConsumer',
  async handle(input, deps) {
    requireConsumer(input, deps);
  },
};
