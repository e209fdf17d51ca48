// ListStreamConsumers: enhanced fan-out consumers are not supported yet, so a stream has none.

import type { Operation } from '../operation.js';
import { invalidNextToken } from '../../errors/kinesis-errors.js';
import type { KinesisDeps } from './kinesis-deps.js';

export const listStreamConsumers: Operation<KinesisDeps> = {
  name: 'ListStreamConsumers',
  async handle(input, { streams }) {
    streams.require({ streamArn: input['StreamARN'] as string });
    if (input['NextToken'] !== undefined) throw invalidNextToken();
    return { Consumers: [] };
  },
};
