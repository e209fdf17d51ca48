// Kinesis control-plane errors: one class per wire __type, and the builders that spell AWS's
// messages. Wording marked "observed" was recorded against AWS (kinesalite's suite); the rest is
// Tributary's best reconstruction and is listed in docs/compatibility.md.

import { AwsError } from './aws-error.js';

export class ResourceNotFoundException extends AwsError {
  constructor(message: string) {
    super('ResourceNotFoundException', message, 400);
  }
}

export class ResourceInUseException extends AwsError {
  constructor(message: string) {
    super('ResourceInUseException', message, 400);
  }
}

export class InvalidArgumentException extends AwsError {
  constructor(message: string) {
    super('InvalidArgumentException', message, 400);
  }
}

export class LimitExceededException extends AwsError {
  constructor(message: string) {
    super('LimitExceededException', message, 400);
  }
}

export class ExpiredNextTokenException extends AwsError {
  constructor(message: string) {
    super('ExpiredNextTokenException', message, 400);
  }
}

export class KinesisValidationException extends AwsError {
  constructor(message: string) {
    super('ValidationException', message, 400);
  }
}

/** Observed. */
export function streamNotFound(streamName: string, accountId: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`Stream ${streamName} under account ${accountId} not found.`);
}

/** Observed. */
export function streamAlreadyExists(streamName: string, accountId: string): ResourceInUseException {
  return new ResourceInUseException(`Stream ${streamName} under account ${accountId} already exists.`);
}

/** Observed (MergeShards/SplitShard on a stream that is not ACTIVE). */
export function streamNotActive(streamName: string, accountId: string, status: string): ResourceInUseException {
  return new ResourceInUseException(`Stream ${streamName} under account ${accountId} not ACTIVE, instead in state ${status}`);
}

export function streamReferenceMissing(): InvalidArgumentException {
  return new InvalidArgumentException('Either StreamName or StreamARN should be provided.');
}

export function streamReferenceMismatch(): InvalidArgumentException {
  return new InvalidArgumentException('StreamName and StreamARN do not match.');
}

/** Observed. */
export function shardLimitExceeded(accountId: string, region: string, current: number, limit: number, requested: number): LimitExceededException {
  return new LimitExceededException(
    `This request would exceed the shard limit for the account ${accountId} in ${region}. ` +
      `Current shard count for the account: ${current}. Limit: ${limit}. ` +
      `Number of additional shards that would have resulted from this request: ${requested}. ` +
      'Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) ' +
      'for current limits and how to request higher limits.',
  );
}

export function onDemandStreamLimitExceeded(accountId: string, region: string, current: number, limit: number): LimitExceededException {
  return new LimitExceededException(
    `This request would exceed the on-demand stream count limit for the account ${accountId} in ${region}. ` +
      `Current on-demand stream count for the account: ${current}. Limit: ${limit}.`,
  );
}

/** Observed. */
export function retentionTooShort(hours: number): InvalidArgumentException {
  return new InvalidArgumentException(`Minimum allowed retention period is 24 hours. Requested retention period (${hours} hours) is too short.`);
}

/** Observed (with AWS's current maximum). */
export function retentionTooLong(hours: number): InvalidArgumentException {
  return new InvalidArgumentException(`Maximum allowed retention period is 8760 hours. Requested retention period (${hours} hours) is too long.`);
}

/** Observed. */
export function retentionShorterThanCurrent(hours: number, streamName: string, current: number): InvalidArgumentException {
  return new InvalidArgumentException(
    `Requested retention period (${hours} hours) for stream ${streamName} can not be shorter than existing retention period (${current} hours). Use DecreaseRetentionPeriod API.`,
  );
}

/** Observed. */
export function retentionLongerThanCurrent(hours: number, streamName: string, current: number): InvalidArgumentException {
  return new InvalidArgumentException(
    `Requested retention period (${hours} hours) for stream ${streamName} can not be longer than existing retention period (${current} hours). Use IncreaseRetentionPeriod API.`,
  );
}

/** Observed. */
export function tagsInvalidCharacters(action: 'add' | 'remove'): InvalidArgumentException {
  const listed = action === 'add' ? '_ . / = + - % @.' : '_ . / = + - % @ :.';
  return new InvalidArgumentException(`Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, ${listed}`);
}

/** Observed. */
export function tagsIllegalPercent(action: 'add' | 'remove', streamName: string, accountId: string): InvalidArgumentException {
  const allowed = action === 'add' ? "'_',',','/','=','+','-','@'." : "'_',',','/','=','+','-','@',':'.";
  return new InvalidArgumentException(
    `Failed to ${action} tags ${action === 'add' ? 'to' : 'from'} stream ${streamName} under account ${accountId} ` +
      `because some tags contained illegal characters. The allowed characters are Unicode letters, white-spaces, ${allowed}`,
  );
}

/** Observed (AWS's limit is now 50). */
export function tooManyTags(streamName: string, accountId: string): InvalidArgumentException {
  return new InvalidArgumentException(
    `Failed to add tags to stream ${streamName} under account ${accountId} because a given stream cannot have more than 50 tags associated with it.`,
  );
}

/** Observed (ListShards). */
export function listShardsNeedsStreamOrToken(): InvalidArgumentException {
  return new InvalidArgumentException('Either NextToken or StreamName should be provided.');
}

/** Observed (ListShards). */
export function nextTokenWithStreamName(): InvalidArgumentException {
  return new InvalidArgumentException('NextToken and StreamName cannot be provided together.');
}

export function nextTokenWithParameter(parameter: string): InvalidArgumentException {
  return new InvalidArgumentException(`NextToken and ${parameter} cannot be provided together.`);
}

export function invalidNextToken(): InvalidArgumentException {
  return new InvalidArgumentException('Invalid NextToken.');
}

export function expiredNextToken(): ExpiredNextTokenException {
  return new ExpiredNextTokenException('The provided NextToken has expired.');
}

export function shardFilterNeedsShardId(): InvalidArgumentException {
  return new InvalidArgumentException('ShardId must be specified for ShardFilter type AFTER_SHARD_ID.');
}

export function shardFilterNeedsTimestamp(type: string): InvalidArgumentException {
  return new InvalidArgumentException(`Timestamp must be specified for ShardFilter type ${type}.`);
}

export function encryptionTypeMustBeKms(): InvalidArgumentException {
  return new InvalidArgumentException('KMS is the only valid EncryptionType for this request.');
}

export function warmThroughputNeedsOnDemand(streamName: string, accountId: string): InvalidArgumentException {
  return new InvalidArgumentException(
    `Warm throughput can only be set on streams in ON_DEMAND mode. Stream ${streamName} under account ${accountId} is in PROVISIONED mode.`,
  );
}

export function warmThroughputNeedsCommitment(accountId: string): InvalidArgumentException {
  return new InvalidArgumentException(`Warm throughput requires MinimumThroughputBillingCommitment to be enabled for account ${accountId}.`);
}

export function resourcePolicyNotFound(resourceArn: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`No resource policy found for resource ARN ${resourceArn}.`);
}

export function invalidPolicyDocument(): InvalidArgumentException {
  return new InvalidArgumentException('Policy is not a valid JSON document.');
}

export function consumerNotFound(consumer: string, accountId: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`Consumer ${consumer}, account ${accountId} not found.`);
}

export function consumerReferenceMissing(): InvalidArgumentException {
  return new InvalidArgumentException('Either ConsumerARN or both StreamARN and ConsumerName should be provided.');
}

/** An operation Tributary does not implement yet (resharding, enhanced fan-out). */
export function notImplementedYet(operation: string): InvalidArgumentException {
  return new InvalidArgumentException(`${operation} is not supported by this Tributary server yet.`);
}
