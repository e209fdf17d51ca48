// Runs the RecordLog contract against SegmentRecordLog with tiny segments (256 B, an index entry
// every 32 B: nearly every append rolls, so every multi-segment path runs) and with the defaults.
// No contract test is skipped.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SegmentRecordLog } from '../../src/storage/segment/segment-record-log.js';
import type { SegmentRecordLogOptions } from '../../src/storage/segment/segment-record-log.js';
import type { RecordLog } from '../../src/storage/record-log.js';
import { runRecordLogContract } from './record-log.contract.js';

function segmentFixture(options: Omit<SegmentRecordLogOptions, 'dir'>) {
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tributary-log-'));
    const open = async (): Promise<RecordLog> => {
      const log = new SegmentRecordLog({ ...options, dir });
      await log.open();
      return log;
    };
    let current = await open();
    return {
      log: current,
      async reopen() {
        await current.close();
        current = await open();
        return current;
      },
      async cleanup() {
        await current.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  };
}

runRecordLogContract('SegmentRecordLog (256 B segments, index every 32 B)', segmentFixture({ segmentBytes: 256, indexIntervalBytes: 32, maxCachedIndexes: 2, maxOpenFiles: 2 }));
runRecordLogContract('SegmentRecordLog (defaults)', segmentFixture({}));
runRecordLogContract('SegmentRecordLog (fsync off, 4 KiB segments)', segmentFixture({ fsync: false, segmentBytes: 4096, indexIntervalBytes: 256 }));
