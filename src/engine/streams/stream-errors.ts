// Typed domain errors of the stream control plane. They carry facts, not wire messages:
// api/kinesis maps each one to the AWS error type and message AWS sends.

/** No stream of that name (or ARN) exists, or it finished deleting. */
export class StreamNotFoundError extends Error {
  constructor(
    readonly streamName: string,
    readonly accountId: string,
  ) {
    super(`stream ${streamName} not found in account ${accountId}`);
    this.name = 'StreamNotFoundError';
  }
}

/** CreateStream for a name that is taken (including by a stream still DELETING). */
export class StreamExistsError extends Error {
  constructor(
    readonly streamName: string,
    readonly accountId: string,
  ) {
    super(`stream ${streamName} already exists`);
    this.name = 'StreamExistsError';
  }
}

/** The operation needs an ACTIVE stream. */
export class StreamNotActiveError extends Error {
  constructor(
    readonly streamName: string,
    readonly accountId: string,
    readonly status: string,
  ) {
    super(`stream ${streamName} is ${status}, not ACTIVE`);
    this.name = 'StreamNotActiveError';
  }
}

/** Neither a stream name nor an ARN was given, or both were and they name different streams. */
export class StreamReferenceError extends Error {
  constructor(readonly reason: 'missing' | 'mismatch') {
    super(reason === 'missing' ? 'no stream name or ARN given' : 'stream name and ARN do not match');
    this.name = 'StreamReferenceError';
  }
}

/** The account-wide provisioned shard limit would be exceeded. */
export class ShardLimitExceededError extends Error {
  constructor(
    readonly accountId: string,
    readonly region: string,
    readonly currentShards: number,
    readonly limit: number,
    readonly requestedShards: number,
  ) {
    super(`shard limit ${limit} exceeded`);
    this.name = 'ShardLimitExceededError';
  }
}

/** The account-wide limit on ON_DEMAND streams would be exceeded. */
export class OnDemandStreamLimitExceededError extends Error {
  constructor(
    readonly accountId: string,
    readonly region: string,
    readonly currentStreams: number,
    readonly limit: number,
  ) {
    super(`on-demand stream count limit ${limit} exceeded`);
    this.name = 'OnDemandStreamLimitExceededError';
  }
}

export type RetentionViolation = 'tooShort' | 'tooLong' | 'shorterThanCurrent' | 'longerThanCurrent';

/** A retention period outside 24..8760 hours, or moving in the wrong direction for the call. */
export class RetentionPeriodError extends Error {
  constructor(
    readonly violation: RetentionViolation,
    readonly streamName: string,
    readonly requestedHours: number,
    readonly currentHours: number,
  ) {
    super(`retention period ${requestedHours}h rejected: ${violation}`);
    this.name = 'RetentionPeriodError';
  }
}

export type TagViolation = 'invalidCharacters' | 'percentSign' | 'tooMany';

/** Tags that AWS refuses (bad characters, or more than 50 on a stream). */
export class TagError extends Error {
  constructor(
    readonly violation: TagViolation,
    readonly action: 'add' | 'remove',
    readonly streamName: string,
    readonly accountId: string,
  ) {
    super(`tags rejected: ${violation}`);
    this.name = 'TagError';
  }
}

/** A request that conflicts with the stream's mode or the account's settings. */
export class StreamModeError extends Error {
  constructor(
    readonly violation: 'warmThroughputNeedsOnDemand' | 'warmThroughputNeedsCommitment',
    readonly streamName: string,
    readonly accountId: string,
  ) {
    super(`stream mode conflict: ${violation}`);
    this.name = 'StreamModeError';
  }
}

/** No resource policy is attached to the resource. */
export class ResourcePolicyNotFoundError extends Error {
  constructor(readonly resourceArn: string) {
    super(`no resource policy for ${resourceArn}`);
    this.name = 'ResourcePolicyNotFoundError';
  }
}
