// GetRecords: the records after a shard iterator, the next iterator, and how far behind it is.

import type { RecordService } from '../../engine/streams/record-service.js';
import type { Operation, OperationInput, OperationOutput } from '../operation.js';
import { releaseAfterEncoding } from '../output-release.js';
import { mapDataError } from './data-error-mapping.js';
import { readSources } from './read-source.js';

export const getRecords: Operation<{ readonly records: RecordService }> = {
  name: 'GetRecords',
  async handle(input: OperationInput, deps, ctx): Promise<OperationOutput> {
    try {
      const result = await deps.records.getRecords(input.ShardIterator as string, input.Limit as number | undefined);
      const stored = result.records;
      const records: Record<string, unknown>[] = new Array(stored.length);
      // Records appended together share a timestamp: they share one (never mutated) Date too.
      let arrival = new Date(Number.NaN);
      for (let i = 0; i < stored.length; i++) {
        const record = stored[i]!;
        if (record.timestamp !== arrival.getTime()) arrival = new Date(record.timestamp);
        const wire: Record<string, unknown> = {
          SequenceNumber: result.sequenceNumbers[i],
          ApproximateArrivalTimestamp: arrival,
          Data: record.data,
          PartitionKey: record.partitionKey,
        };
        if (result.encrypted) wire.EncryptionType = 'KMS';
        records[i] = wire;
      }
      const output: OperationOutput = { Records: records };
      if (result.nextShardIterator !== undefined) output.NextShardIterator = result.nextShardIterator;
      output.MillisBehindLatest = result.millisBehindLatest;
      if (result.childShards !== undefined) {
        output.ChildShards = result.childShards.map((child) => ({
          ShardId: child.shardId,
          ParentShards: [...child.parentShards],
          HashKeyRange: { StartingHashKey: child.hashKeyStart, EndingHashKey: child.hashKeyEnd },
        }));
      }
      readSources.set(output, { streamName: result.streamName, shardId: result.shardId });
      releaseAfterEncoding(output, result.release);
      return output;
    } catch (err) {
      throw mapDataError(err, ctx.accountId);
    }
  },
};
