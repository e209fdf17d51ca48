// PutRecords: up to 500 records in one request, each entry stored or reported failed on its own.
// The hot path: entries are handed to the engine as AppendRecords without further copying.

import type { AppendRecord } from '../../storage/record-log.js';
import type { RecordService } from '../../engine/streams/record-service.js';
import { INTERNAL_FAILURE_ENTRY } from '../../errors/kinesis-data-errors.js';
import type { Operation, OperationInput, OperationOutput } from '../operation.js';
import { mapDataError } from './data-error-mapping.js';

interface WireEntry {
  readonly Data: Buffer;
  readonly PartitionKey: string;
  readonly ExplicitHashKey?: string;
}

export const putRecords: Operation<{ readonly records: RecordService }> = {
  name: 'PutRecords',
  async handle(input: OperationInput, deps, ctx): Promise<OperationOutput> {
    const entries = input.Records as readonly WireEntry[];
    const count = entries.length;
    const records: AppendRecord[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const entry = entries[i]!;
      records[i] = { partitionKey: entry.PartitionKey, data: entry.Data, explicitHashKey: entry.ExplicitHashKey };
    }
    try {
      const result = await deps.records.putRecords(
        { streamName: input.StreamName as string | undefined, streamArn: input.StreamARN as string | undefined },
        records,
      );
      const out: Record<string, unknown>[] = new Array(count);
      for (let i = 0; i < count; i++) {
        const sequenceNumber = result.sequenceNumbers[i];
        out[i] = sequenceNumber !== undefined ? { SequenceNumber: sequenceNumber, ShardId: result.shardIds[i] } : { ...INTERNAL_FAILURE_ENTRY };
      }
      const output: OperationOutput = { FailedRecordCount: result.failedRecordCount, Records: out };
      if (result.encrypted) output.EncryptionType = 'KMS';
      return output;
    } catch (err) {
      throw mapDataError(err, ctx.accountId);
    }
  },
};
