// UpdateAccountSettings: enables or disables the throughput billing commitment; disabling before
// its earliest allowed end keeps it until then (ENABLED_UNTIL_EARLIEST_ALLOWED_END).

import type { Operation } from '../operation.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { commitmentOutput } from './throughput-commitment-output.js';

export const updateAccountSettings: Operation<KinesisDeps> = {
  name: 'UpdateAccountSettings',
  async handle(input, { streams }) {
    const requested = input['MinimumThroughputBillingCommitment'] as { Status: 'ENABLED' | 'DISABLED' };
    const commitment = await streams.account.updateThroughputCommitment(requested.Status);
    return { MinimumThroughputBillingCommitment: commitmentOutput(commitment) };
  },
};
