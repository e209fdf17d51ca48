// Lazy status transitions: a stream's CREATING/UPDATING/DELETING status ends at statusUntil, so
// the effective status is computed from the clock on every access instead of by timers.

import type { StreamState } from './stream-state.js';

/**
 * The stream as it is at `now`: CREATING and UPDATING turn ACTIVE once statusUntil has passed;
 * a DELETING stream whose statusUntil has passed no longer exists (undefined).
 */
export function effectiveStream(state: StreamState, now: number): StreamState | undefined {
  if (state.statusUntil === undefined || now < state.statusUntil) return state;
  if (state.status === 'DELETING') return undefined;
  const { statusUntil: _ended, ...rest } = state;
  return { ...rest, status: 'ACTIVE' };
}

/** Whether a DELETING stream's deletion is due (its records and entry may be removed). */
export function deletionDue(state: StreamState, now: number): boolean {
  return state.status === 'DELETING' && (state.statusUntil === undefined || now >= state.statusUntil);
}
