// AWS's exact errors for the Kinesis data plane (PutRecord(s), GetShardIterator, GetRecords).
// Wording checked against kinesalite's suite (recorded against AWS) and AWS responses quoted in
// public issues; the only place these strings are written.

import { AwsError } from './aws-error.js';
import { constraints, validationException } from './common-errors.js';
import { InvalidArgumentException, ResourceNotFoundException } from './kinesis-errors.js';

export class ExpiredIteratorException extends AwsError {
  constructor(message: string) {
    super('ExpiredIteratorException', message, 400);
  }
}

const notFound = (message: string): AwsError => new ResourceNotFoundException(message);
const invalidArgument = (message: string): AwsError => new InvalidArgumentException(message);

/** A well-formed shard id whose shard (or stream) does not exist. */
export function shardNotFound(shardId: string, streamName: string, accountId: string): AwsError {
  return notFound(`Shard ${shardId} in stream ${streamName} under account ${accountId} does not exist`);
}

/** A ShardId that names no shard index at all. */
export function shardUnresolvable(rawShardId: string, streamName: string, accountId: string): AwsError {
  return notFound(`Could not find shard ${rawShardId} in stream ${streamName} under account ${accountId}.`);
}

export function invalidExplicitHashKey(value: string): AwsError {
  return invalidArgument(
    `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${value}`,
  );
}

export function recordsSizeExceeded(limitMiB: number): AwsError {
  return invalidArgument(`Records size exceeds ${limitMiB} MB limit`);
}

/**
 * Records larger than the stream's maximum record size, reported as AWS reports them today
 * (observed 2025: `Value at 'records.1.member.data' failed to satisfy constraint: Member must
 * have length less than or equal to 1048576`, the blob's value not printed).
 * @param indexes zero-based entry indexes (at most 10 are listed)
 */
export function recordsTooLarge(indexes: readonly number[], limitBytes: number, batch: boolean): AwsError {
  return validationException(
    indexes.map(
      (i) => `Value at '${batch ? `records.${i + 1}.member.data` : 'data'}' failed to satisfy constraint: ${constraints.maxLength(limitBytes)}`,
    ),
  );
}

export function invalidSequenceNumberForOrdering(value: string, streamName: string, accountId: string): AwsError {
  return invalidArgument(
    `ExclusiveMinimumSequenceNumber ${value} used in PutRecord on stream ${streamName} under account ${accountId} is invalid.`,
  );
}

export function iteratorTypeMismatch(iteratorType: string, hasSequenceNumber: boolean): AwsError {
  return invalidArgument(
    'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or ' +
      '(2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. ' +
      `Request specified ${iteratorType} and ${hasSequenceNumber ? 'also a' : 'no'} StartingSequenceNumber.`,
  );
}

export function missingTimestamp(): AwsError {
  return invalidArgument(
    'Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.',
  );
}

export function futureTimestamp(timestampMs: number, nowMs: number): AwsError {
  return invalidArgument(
    'The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. ' +
      `timestampInMillis: ${timestampMs}, currentTimestampInMillis: ${nowMs}`,
  );
}

export function invalidStartingSequenceNumber(value: string, shardId: string, streamName: string, accountId: string): AwsError {
  return invalidArgument(
    `StartingSequenceNumber ${value} used in GetShardIterator on shard ${shardId} in stream ${streamName} under account ${accountId} is invalid.`,
  );
}

export function startingSequenceNumberOtherShard(encodedShardId: string, shardId: string): AwsError {
  return invalidArgument(
    `Invalid StartingSequenceNumber. It encodes ${encodedShardId}, while it was used in a call to a shard with ${shardId}`,
  );
}

export function startingSequenceNumberOtherStream(value: string, shardId: string, streamName: string, accountId: string): AwsError {
  return invalidArgument(
    `StartingSequenceNumber ${value} used in GetShardIterator on shard ${shardId} in stream ${streamName} under account ${accountId} ` +
      'is invalid because it did not come from this stream.',
  );
}

export function invalidShardIterator(): AwsError {
  return invalidArgument('Invalid ShardIterator.');
}

export function expiredIterator(createdAtMs: number, nowMs: number, ttlMs: number): AwsError {
  return new ExpiredIteratorException(
    `Iterator expired. The iterator was created at time ${javaUtcDate(createdAtMs)} while right now it is ` +
      `${javaUtcDate(nowMs)} which is further in the future than the tolerated delay of ${ttlMs} milliseconds.`,
  );
}

/** ErrorCode and ErrorMessage of a PutRecords entry that failed inside the service. */
export const INTERNAL_FAILURE_ENTRY = { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal Service Failure' } as const;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** java.util.Date#toString in UTC, as AWS prints times: `Thu Jan 22 01:22:02 UTC 2015`. */
function javaUtcDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return (
    `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`
  );
}
