// Child process for segment-recovery.test.ts: opens a SegmentRecordLog on argv[2] and appends to
// one shard from 4 concurrent appenders until killed, printing one line per acknowledged append:
// `<firstOffset> <count> <appender> <sequence>`. Record j of that append has partition key
// `<appender>-<sequence>-<j>` and data derived from it (see payloadFor), so a reader can check both.
import { SegmentRecordLog } from '../../src/storage/segment/segment-record-log.js';
import { payloadFor } from './segment-payload.js';

const [dir, run] = [process.argv[2]!, process.argv[3]!];
const SHARD = 'crash/shardId-000000000000';
const log = new SegmentRecordLog({ dir, segmentBytes: 16 * 1024, indexIntervalBytes: 512 });
await log.open();
await log.createShard(SHARD);
process.stdout.write('ready\n');
await Promise.all(
  Array.from({ length: 4 }, async (_, a) => {
    for (let seq = 0; ; seq++) {
      const count = 1 + ((seq * 7 + a) % 20);
      const records = Array.from({ length: count }, (_, j) => {
        const partitionKey = `${run}.${a}-${seq}-${j}`;
        return { partitionKey, data: payloadFor(partitionKey) };
      });
      const { firstOffset } = await log.append(SHARD, records, Date.now());
      process.stdout.write(`${firstOffset} ${count} ${run}.${a} ${seq}\n`);
    }
  }),
);
