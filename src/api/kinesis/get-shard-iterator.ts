// GetShardIterator: a stateless, encrypted position in one shard, valid for five minutes.

import type { RecordService, ShardIteratorType } from '../../engine/streams/record-service.js';
import type { Operation, OperationInput, OperationOutput } from '../operation.js';
import { mapDataError } from './data-error-mapping.js';

export const getShardIterator: Operation<{ readonly records: RecordService }> = {
  name: 'GetShardIterator',
  async handle(input: OperationInput, deps, ctx): Promise<OperationOutput> {
    const timestamp = input.Timestamp as Date | undefined;
    try {
      const iterator = await deps.records.getShardIterator(
        { streamName: input.StreamName as string | undefined, streamArn: input.StreamARN as string | undefined },
        {
          shardId: input.ShardId as string,
          type: input.ShardIteratorType as ShardIteratorType,
          startingSequenceNumber: input.StartingSequenceNumber as string | undefined,
          timestamp: timestamp === undefined ? undefined : timestamp.getTime(),
        },
      );
      return { ShardIterator: iterator };
    } catch (err) {
      throw mapDataError(err, ctx.accountId);
    }
  },
};
