// Maps the control plane's domain errors to the AWS errors Kinesis answers with. The service's
// mapError tries this first, then the data plane's mapping.

import type { AwsError } from '../../errors/aws-error.js';
import * as errors from '../../errors/kinesis-errors.js';
import {
  OnDemandStreamLimitExceededError,
  ResourcePolicyNotFoundError,
  RetentionPeriodError,
  ShardLimitExceededError,
  StreamExistsError,
  StreamModeError,
  StreamNotActiveError,
  StreamNotFoundError,
  StreamReferenceError,
  TagError,
} from '../../engine/streams/stream-errors.js';

export function mapStreamError(err: unknown): AwsError | undefined {
  if (err instanceof StreamNotFoundError) return errors.streamNotFound(err.streamName, err.accountId);
  if (err instanceof StreamExistsError) return errors.streamAlreadyExists(err.streamName, err.accountId);
  if (err instanceof StreamNotActiveError) return errors.streamNotActive(err.streamName, err.accountId, err.status);
  if (err instanceof StreamReferenceError) {
    return err.reason === 'missing' ? errors.streamReferenceMissing() : errors.streamReferenceMismatch();
  }
  if (err instanceof ShardLimitExceededError) {
    return errors.shardLimitExceeded(err.accountId, err.region, err.currentShards, err.limit, err.requestedShards);
  }
  if (err instanceof OnDemandStreamLimitExceededError) {
    return errors.onDemandStreamLimitExceeded(err.accountId, err.region, err.currentStreams, err.limit);
  }
  if (err instanceof RetentionPeriodError) {
    switch (err.violation) {
      case 'tooShort':
        return errors.retentionTooShort(err.requestedHours);
      case 'tooLong':
        return errors.retentionTooLong(err.requestedHours);
      case 'shorterThanCurrent':
        return errors.retentionShorterThanCurrent(err.requestedHours, err.streamName, err.currentHours);
      case 'longerThanCurrent':
        return errors.retentionLongerThanCurrent(err.requestedHours, err.streamName, err.currentHours);
    }
  }
  if (err instanceof TagError) {
    switch (err.violation) {
      case 'invalidCharacters':
        return errors.tagsInvalidCharacters(err.action);
      case 'percentSign':
        return errors.tagsIllegalPercent(err.action, err.streamName, err.accountId);
      case 'tooMany':
        return errors.tooManyTags(err.streamName, err.accountId);
    }
  }
  if (err instanceof StreamModeError) {
    return err.violation === 'warmThroughputNeedsOnDemand'
      ? errors.warmThroughputNeedsOnDemand(err.streamName, err.accountId)
      : errors.warmThroughputNeedsCommitment(err.accountId);
  }
  if (err instanceof ResourcePolicyNotFoundError) return errors.resourcePolicyNotFound(err.resourceArn);
  return undefined;
}
