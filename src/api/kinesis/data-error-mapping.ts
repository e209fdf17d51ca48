// Turns the data plane's RecordError into the AWS error a client expects; anything else is
// returned unchanged for the service's own mapping (stream registry errors, internal failures).

import { RecordError, type RecordErrorDetail } from '../../engine/streams/record-errors.js';
import type { AwsError } from '../../errors/aws-error.js';
import * as errors from '../../errors/kinesis-data-errors.js';
import { streamNotFound } from '../../errors/kinesis-errors.js';

/** The AwsError for a RecordError, or `err` itself for anything else. */
export function mapDataError(err: unknown, accountId: string): unknown {
  return err instanceof RecordError ? toAwsError(err.detail, accountId) : err;
}

function toAwsError(detail: RecordErrorDetail, accountId: string): AwsError {
  switch (detail.kind) {
    case 'stream-not-found':
      return streamNotFound(detail.streamName, accountId);
    case 'shard-unresolvable':
      return errors.shardUnresolvable(detail.rawShardId, detail.streamName, accountId);
    case 'shard-not-found':
      return errors.shardNotFound(detail.shardId, detail.streamName, accountId);
    case 'invalid-explicit-hash-key':
      return errors.invalidExplicitHashKey(detail.value);
    case 'records-too-large':
      return errors.recordsTooLarge(detail.indexes, detail.limitBytes, detail.batch);
    case 'request-too-large':
      return errors.recordsSizeExceeded(detail.limitMiB);
    case 'invalid-sequence-number-for-ordering':
      return errors.invalidSequenceNumberForOrdering(detail.value, detail.streamName, accountId);
    case 'iterator-type-mismatch':
      return errors.iteratorTypeMismatch(detail.iteratorType, detail.hasSequenceNumber);
    case 'missing-timestamp':
      return errors.missingTimestamp();
    case 'future-timestamp':
      return errors.futureTimestamp(detail.timestamp, detail.now);
    case 'invalid-starting-sequence-number':
      return errors.invalidStartingSequenceNumber(detail.value, detail.shardId, detail.streamName, accountId);
    case 'sequence-number-other-shard':
      return errors.startingSequenceNumberOtherShard(detail.encodedShardId, detail.shardId);
    case 'sequence-number-other-stream':
      return errors.startingSequenceNumberOtherStream(detail.value, detail.shardId, detail.streamName, accountId);
    case 'invalid-shard-iterator':
      return errors.invalidShardIterator();
    case 'expired-shard-iterator':
      return errors.expiredIterator(detail.createdAt, detail.now, detail.ttlMs);
  }
}
