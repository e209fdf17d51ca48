// Retention period rules of Increase/DecreaseStreamRetentionPeriod: 24..8760 hours, and each call
// may only move the period in its own direction (an equal value is accepted by both).

import { RetentionPeriodError } from './stream-errors.js';
import type { StreamState } from './stream-state.js';

export const MIN_RETENTION_HOURS = 24;
export const MAX_RETENTION_HOURS = 8760;
export const DEFAULT_RETENTION_HOURS = 24;

/** Checks `hours` for the given direction; throws RetentionPeriodError when AWS would refuse it. */
export function checkRetentionChange(stream: StreamState, hours: number, direction: 'increase' | 'decrease'): void {
  const fail = (violation: RetentionPeriodError['violation']) =>
    new RetentionPeriodError(violation, stream.name, hours, stream.retentionHours);
  if (hours < MIN_RETENTION_HOURS) throw fail('tooShort');
  if (hours > MAX_RETENTION_HOURS) throw fail('tooLong');
  if (direction === 'increase' && hours < stream.retentionHours) throw fail('shorterThanCurrent');
  if (direction === 'decrease' && hours > stream.retentionHours) throw fail('longerThanCurrent');
}
