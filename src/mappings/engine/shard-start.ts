// Where a mapping starts reading a shard it has no checkpoint for (ESM.md §3): TRIM_HORIZON at the
// oldest record inside retention, LATEST after the last record present now, AT_TIMESTAMP at the
// first record that arrived at or after the timestamp. The result is saved as the shard's first
// checkpoint, so a restart never re-evaluates LATEST or AT_TIMESTAMP.

import type { RecordLog } from '../../storage/record-log.js';
import type { MappingDefinition } from '../mapping-definition.js';

export type StartingPosition = MappingDefinition['startingPosition'];

/** The offset to start at; `retentionCutoff` is the arrival time (epoch ms) before which records have expired. */
export async function startOffset(
  log: RecordLog,
  logKey: string,
  position: StartingPosition,
  timestamp: number | undefined,
  retentionCutoff: number,
): Promise<number> {
  const bounds = log.bounds(logKey);
  switch (position) {
    case 'LATEST':
      return bounds.endOffset;
    case 'TRIM_HORIZON':
      return Math.max(bounds.startOffset, await log.offsetForTimestamp(logKey, retentionCutoff));
    case 'AT_TIMESTAMP':
      return Math.max(bounds.startOffset, await log.offsetForTimestamp(logKey, Math.max(timestamp ?? 0, retentionCutoff)));
  }
}
