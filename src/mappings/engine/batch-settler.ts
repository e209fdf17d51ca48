// The retry loop of one batch (ESM.md §5.2, §5.3): invoke until every record is resolved —
// processed, or discarded for age (RecordAgeExceeded) or after the retry quota
// (RetryAttemptsExhausted). Records resolve strictly in order, so progress is a prefix count.
//
// Accounting (decided in docs/decisions/0007): retries are counted per record set. A partial
// failure keeps the set's counters (AWS: MaximumRetryAttempts 3 ⇒ 4 invocations); bisecting
// starts each half with fresh counters (splitting consumes no retry); discarding an expired head
// restarts the counters for the remaining records. Invoke errors before the function ran are
// retried with backoff and never count.

import { randomUUID } from 'node:crypto';
import type { Discard } from './failure-record.js';
import type { InvocationOutcome, RanOutcome } from './invocation-outcome.js';
import type { EventRecord } from './kinesis-event.js';

export interface RetryPolicy {
  /** -1 = retry forever. */
  readonly maximumRetryAttempts: number;
  /** -1 = no age limit. */
  readonly maximumRecordAgeMs: number;
  readonly bisectBatchOnFunctionError: boolean;
}

export interface SettleHooks {
  readonly policy: RetryPolicy;
  now(): number;
  /** Invokes the function once with exactly these records. */
  invoke(records: readonly EventRecord[]): Promise<InvocationOutcome>;
  /** The next `count` unresolved records of the batch are done (processed or discarded). */
  resolved(count: number): void;
  /** Hands discarded records to the on-failure destination (resolves once delivered or given up). */
  discard(discard: Discard): Promise<void>;
  /** Waits before invoking again; attempt counts from 1 and grows while the same set keeps failing. */
  backoff(attempt: number): Promise<void>;
}

/** Resolves when every record of `records` is resolved; rejects only if a hook does (e.g. on stop). */
export async function settleBatch(records: readonly EventRecord[], hooks: SettleHooks): Promise<void> {
  const { maximumRetryAttempts, maximumRecordAgeMs, bisectBatchOnFunctionError } = hooks.policy;
  let batch = records;
  let invocations = 0;
  let retries = 0;
  let notRun = 0;
  let last: RanOutcome | undefined;
  for (;;) {
    if (maximumRecordAgeMs >= 0) {
      const now = hooks.now();
      let expired = 0;
      while (expired < batch.length && now - batch[expired]!.timestamp >= maximumRecordAgeMs) expired++;
      if (expired > 0) {
        await hooks.discard({
          records: batch.slice(0, expired),
          condition: 'RecordAgeExceeded',
          approximateInvokeCount: Math.max(1, invocations),
          requestId: last?.result.requestId ?? randomUUID(),
        });
        hooks.resolved(expired);
        batch = batch.slice(expired);
        invocations = 0;
        retries = 0;
        last = undefined;
      }
    }
    if (batch.length === 0) return;

    const outcome = await hooks.invoke(batch);
    if (outcome.kind === 'not-run') {
      await hooks.backoff(++notRun);
      continue;
    }
    notRun = 0;
    invocations++;
    last = outcome;
    if (outcome.kind === 'success') {
      hooks.resolved(batch.length);
      return;
    }
    if (outcome.kind === 'partial') {
      hooks.resolved(outcome.firstFailed);
      batch = batch.slice(outcome.firstFailed);
    } else if (bisectBatchOnFunctionError && batch.length > 1) {
      const half = Math.ceil(batch.length / 2);
      await settleBatch(batch.slice(0, half), hooks);
      await settleBatch(batch.slice(half), hooks);
      return;
    }
    if (maximumRetryAttempts >= 0 && retries >= maximumRetryAttempts) {
      await hooks.discard({
        records: batch,
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: invocations,
        requestId: outcome.result.requestId,
        response: {
          executedVersion: outcome.result.executedVersion,
          functionError: outcome.kind === 'partial' ? null : (outcome.result.functionError ?? null),
        },
      });
      hooks.resolved(batch.length);
      return;
    }
    await hooks.backoff(++retries);
  }
}
