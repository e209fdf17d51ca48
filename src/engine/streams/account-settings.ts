// Account-level Kinesis settings (DescribeAccountSettings / UpdateAccountSettings): today only the
// MinimumThroughputBillingCommitment, which on-demand warm throughput requires. Persisted in the
// StateStore (collection "account", key "settings"); its timed status is computed lazily.

import type { Clock } from '../clock.js';
import type { StateStore } from '../../storage/state-store.js';

export type CommitmentStatus = 'ENABLED' | 'DISABLED' | 'ENABLED_UNTIL_EARLIEST_ALLOWED_END';

export interface ThroughputCommitment {
  readonly status: CommitmentStatus;
  /** Epoch ms. */
  readonly startedAt?: number;
  readonly endedAt?: number;
  readonly earliestAllowedEndAt?: number;
}

/** How long a commitment must last once enabled before it can end. */
export const COMMITMENT_MINIMUM_MS = 24 * 60 * 60 * 1000;

const COLLECTION = 'account';
const KEY = 'settings';

export class AccountSettings {
  private commitment: ThroughputCommitment = { status: 'DISABLED' };

  constructor(private readonly options: { store: StateStore; clock: Clock }) {}

  /** Reads the persisted settings (defaults when none were ever stored). */
  async load(): Promise<void> {
    const entry = await this.options.store.get<{ commitment: ThroughputCommitment }>(COLLECTION, KEY);
    this.commitment = entry?.value.commitment ?? { status: 'DISABLED' };
  }

  /** The commitment as it stands now (a commitment ending at its earliest end is DISABLED after it). */
  throughputCommitment(): ThroughputCommitment {
    const c = this.commitment;
    if (c.status === 'ENABLED_UNTIL_EARLIEST_ALLOWED_END' && this.options.clock.now() >= (c.endedAt ?? 0)) {
      return { status: 'DISABLED', ...(c.startedAt !== undefined && { startedAt: c.startedAt }), ...(c.endedAt !== undefined && { endedAt: c.endedAt }) };
    }
    return c;
  }

  /**
   * Enables or disables the commitment and persists it. Enabling starts a commitment that cannot
   * end before COMMITMENT_MINIMUM_MS; disabling earlier keeps it until then
   * (ENABLED_UNTIL_EARLIEST_ALLOWED_END). Repeating the current state changes nothing.
   */
  async updateThroughputCommitment(status: 'ENABLED' | 'DISABLED'): Promise<ThroughputCommitment> {
    const now = this.options.clock.now();
    const current = this.throughputCommitment();
    let next: ThroughputCommitment = current;
    if (status === 'ENABLED') {
      if (current.status === 'DISABLED') {
        next = { status: 'ENABLED', startedAt: now, earliestAllowedEndAt: now + COMMITMENT_MINIMUM_MS };
      } else if (current.status === 'ENABLED_UNTIL_EARLIEST_ALLOWED_END') {
        const { endedAt: _endedAt, ...rest } = current;
        next = { ...rest, status: 'ENABLED' };
      }
    } else if (current.status === 'ENABLED') {
      const earliest = current.earliestAllowedEndAt ?? now;
      next =
        now < earliest
          ? { ...current, status: 'ENABLED_UNTIL_EARLIEST_ALLOWED_END', endedAt: earliest }
          : { ...current, status: 'DISABLED', endedAt: now };
    }
    if (next !== current) {
      await this.options.store.commit([{ kind: 'put', collection: COLLECTION, key: KEY, value: { commitment: next } }]);
      this.commitment = next;
    }
    return this.throughputCommitment();
  }

  /** Whether on-demand streams may have warm throughput (the commitment is in force). */
  commitmentInForce(): boolean {
    return this.throughputCommitment().status !== 'DISABLED';
  }
}
