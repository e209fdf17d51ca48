// PutRecord: one record into a stream. Maps wire fields to RecordService.putRecord.

import type { RecordService } from '../../engine/streams/record-service.js';
import type { Operation, OperationInput, OperationOutput } from '../operation.js';
import { mapDataError } from './data-error-mapping.js';

export const putRecord: Operation<{ readonly records: RecordService }> = {
  name: 'PutRecord',
  async handle(input: OperationInput, deps, ctx): Promise<OperationOutput> {
    try {
      const result = await deps.records.putRecord(
        { streamName: input.StreamName as string | undefined, streamArn: input.StreamARN as string | undefined },
        {
          partitionKey: input.PartitionKey as string,
          data: input.Data as Buffer,
          explicitHashKey: input.ExplicitHashKey as string | undefined,
        },
        input.SequenceNumberForOrdering as string | undefined,
      );
      const output: OperationOutput = { ShardId: result.shardId, SequenceNumber: result.sequenceNumber };
      if (result.encrypted) output.EncryptionType = 'KMS';
      return output;
    } catch (err) {
      throw mapDataError(err, ctx.accountId);
    }
  },
};
