// SplitShard: not implemented yet (resharding and enhanced fan-out are a later issue). It answers with
// a clear InvalidArgumentException rather than pretending to succeed.

import type { Operation } from '../operation.js';
import { notImplementedYet } from '../../errors/kinesis-errors.js';
import type { KinesisDeps } from './kinesis-deps.js';

export const splitShard: Operation<KinesisDeps> = {
  name: 'SplitShard',
  async handle() {
    throw notImplementedYet('SplitShard');
  },
};
