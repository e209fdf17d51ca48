// Resource-based policies attached to streams (Put/Get/DeleteResourcePolicy), stored verbatim in
// the StateStore (collection "resource-policies", key = resource ARN). They are recorded and
// reported, not enforced: Tributary does not evaluate IAM.

import type { StateOp, StateStore } from '../../storage/state-store.js';

const COLLECTION = 'resource-policies';

export class ResourcePolicies {
  private readonly policies = new Map<string, string>();

  constructor(private readonly options: { store: StateStore }) {}

  /** Reads every stored policy into memory. */
  async load(): Promise<void> {
    this.policies.clear();
    for (const entry of await this.options.store.list<{ policy: string }>(COLLECTION)) {
      this.policies.set(entry.key, entry.value.policy);
    }
  }

  /** The policy document attached to `arn`, or undefined. */
  get(arn: string): string | undefined {
    return this.policies.get(arn);
  }

  /** Attaches (or replaces) the policy of `arn`. */
  async put(arn: string, policy: string): Promise<void> {
    await this.options.store.commit([{ kind: 'put', collection: COLLECTION, key: arn, value: { policy } }]);
    this.policies.set(arn, policy);
  }

  /** Removes the policy of `arn`; returns whether there was one. */
  async delete(arn: string): Promise<boolean> {
    if (!this.policies.has(arn)) return false;
    await this.options.store.commit(this.deleteOps(arn));
    this.policies.delete(arn);
    return true;
  }

  /** Ops that remove `arn`'s policy, for a caller committing them with other changes. */
  deleteOps(arn: string): StateOp[] {
    return this.policies.has(arn) ? [{ kind: 'delete', collection: COLLECTION, key: arn }] : [];
  }

  /** Forgets `arn`'s policy in memory after the caller committed deleteOps(arn). */
  forget(arn: string): void {
    this.policies.delete(arn);
  }
}
