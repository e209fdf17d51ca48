// The wire shape of the account's MinimumThroughputBillingCommitment.

import type { ThroughputCommitment } from '../../engine/streams/account-settings.js';

export function commitmentOutput(c: ThroughputCommitment): Record<string, unknown> {
  return {
    Status: c.status,
    ...(c.startedAt !== undefined && { StartedAt: new Date(c.startedAt) }),
    ...(c.endedAt !== undefined && { EndedAt: new Date(c.endedAt) }),
    ...(c.earliestAllowedEndAt !== undefined && { EarliestAllowedEndAt: new Date(c.earliestAllowedEndAt) }),
  };
}
