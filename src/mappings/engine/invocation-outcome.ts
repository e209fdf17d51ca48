// How one invocation of a batch ended (ESM.md §5.1, §6, §8): not run at all, success, partial
// failure at a record, or complete failure. Classification of the function's response lives here.

import type { InvokeResult } from '../../functions/function-invoker.js';
import type { EventRecord } from './kinesis-event.js';

export type InvocationOutcome =
  /** The function could not be run (throttled, missing, not ready…): not a function error. */
  | { readonly kind: 'not-run'; readonly error: unknown }
  | { readonly kind: 'success'; readonly result: InvokeResult }
  /** Records before `firstFailed` (an index into the batch) succeeded. */
  | { readonly kind: 'partial'; readonly firstFailed: number; readonly result: InvokeResult }
  | { readonly kind: 'failure'; readonly result: InvokeResult };

/** What ran outcomes have in common. */
export type RanOutcome = Exclude<InvocationOutcome, { kind: 'not-run' }>;

export interface ClassifyOptions {
  /** FunctionResponseTypes contains ReportBatchItemFailures. */
  readonly reportBatchItemFailures: boolean;
  /** Tumbling windows: the response must carry a `state` object. */
  readonly requireState: boolean;
}

export interface Classified {
  readonly outcome: RanOutcome;
  /** The response's `state`, serialized, when requireState and the invocation did not fail completely. */
  readonly state?: string;
}

const INVALID = Symbol('invalid JSON');

/** Classifies an invocation in which the function ran. */
export function classifyResult(result: InvokeResult, records: readonly EventRecord[], options: ClassifyOptions): Classified {
  if (result.functionError !== undefined) return { outcome: { kind: 'failure', result } };
  if (!options.reportBatchItemFailures && !options.requireState) return { outcome: { kind: 'success', result } };
  const parsed = parsePayload(result.payload);
  let state: string | undefined;
  if (options.requireState) {
    const value = isPlainObject(parsed) ? parsed['state'] : undefined;
    if (!isPlainObject(value)) return { outcome: { kind: 'failure', result } };
    state = JSON.stringify(value);
  }
  const failed = options.reportBatchItemFailures ? firstFailedItem(parsed, records) : 'none';
  if (failed === 'all') return { outcome: { kind: 'failure', result } };
  const outcome: RanOutcome = failed === 'none' ? { kind: 'success', result } : { kind: 'partial', firstFailed: failed, result };
  return state === undefined ? { outcome } : { outcome, state };
}

/**
 * ESM.md §6: 'none' for the six success shapes (no payload, null, "", [], {}, a null or empty
 * batchItemFailures), the index of the lowest reported record, or 'all' when any item is
 * malformed or unknown, or the payload is not JSON or not an object.
 */
export function firstFailedItem(parsed: unknown, records: readonly EventRecord[]): number | 'none' | 'all' {
  if (parsed === INVALID) return 'all';
  if (parsed === null || parsed === '') return 'none';
  if (Array.isArray(parsed)) return parsed.length === 0 ? 'none' : 'all';
  if (!isPlainObject(parsed)) return 'all';
  const items = parsed['batchItemFailures'];
  if (items === undefined || items === null) return 'none';
  if (!Array.isArray(items)) return 'all';
  if (items.length === 0) return 'none';
  const index = new Map<string, number>();
  for (let i = 0; i < records.length; i++) index.set(records[i]!.sequenceNumber, i);
  let lowest = Infinity;
  for (const item of items as unknown[]) {
    const id = isPlainObject(item) ? item['itemIdentifier'] : undefined;
    const at = typeof id === 'string' ? index.get(id) : undefined;
    if (at === undefined) return 'all';
    if (at < lowest) lowest = at;
  }
  return lowest;
}

/** The payload as JSON (an empty payload is null), or INVALID. */
export function parsePayload(payload: Buffer): unknown {
  if (payload.length === 0) return null;
  try {
    return JSON.parse(payload.toString('utf8')) as unknown;
  } catch {
    return INVALID;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
