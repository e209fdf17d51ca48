// DescribeAccountSettings: the account's throughput billing commitment.

import type { Operation } from '../operation.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { commitmentOutput } from './throughput-commitment-output.js';

export const describeAccountSettings: Operation<KinesisDeps> = {
  name: 'DescribeAccountSettings',
  async handle(_input, { streams }) {
    return { MinimumThroughputBillingCommitment: commitmentOutput(streams.account.throughputCommitment()) };
  },
};
