// Every Kinesis operation of the service model (39), one file each. The five resharding and
// enhanced fan-out operations answer with a clear error until they are implemented.

import type { Operation } from '../operation.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { addTagsToStream } from './add-tags-to-stream.js';
import { createStream } from './create-stream.js';
import { decreaseStreamRetentionPeriod } from './decrease-stream-retention-period.js';
import { deleteResourcePolicy } from './delete-resource-policy.js';
import { deleteStream } from './delete-stream.js';
import { deregisterStreamConsumer } from './deregister-stream-consumer.js';
import { describeAccountSettings } from './describe-account-settings.js';
import { describeLimits } from './describe-limits.js';
import { describeStream } from './describe-stream.js';
import { describeStreamConsumer } from './describe-stream-consumer.js';
import { describeStreamSummary } from './describe-stream-summary.js';
import { disableEnhancedMonitoring } from './disable-enhanced-monitoring.js';
import { enableEnhancedMonitoring } from './enable-enhanced-monitoring.js';
import { getRecords } from './get-records.js';
import { getResourcePolicy } from './get-resource-policy.js';
import { getShardIterator } from './get-shard-iterator.js';
import { increaseStreamRetentionPeriod } from './increase-stream-retention-period.js';
import { listShards } from './list-shards.js';
import { listStreamConsumers } from './list-stream-consumers.js';
import { listStreams } from './list-streams.js';
import { listTagsForResource } from './list-tags-for-resource.js';
import { listTagsForStream } from './list-tags-for-stream.js';
import { mergeShards } from './merge-shards.js';
import { putRecord } from './put-record.js';
import { putRecords } from './put-records.js';
import { putResourcePolicy } from './put-resource-policy.js';
import { registerStreamConsumer } from './register-stream-consumer.js';
import { removeTagsFromStream } from './remove-tags-from-stream.js';
import { splitShard } from './split-shard.js';
import { startStreamEncryption } from './start-stream-encryption.js';
import { stopStreamEncryption } from './stop-stream-encryption.js';
import { subscribeToShard } from './subscribe-to-shard.js';
import { tagResource } from './tag-resource.js';
import { untagResource } from './untag-resource.js';
import { updateAccountSettings } from './update-account-settings.js';
import { updateMaxRecordSize } from './update-max-record-size.js';
import { updateShardCount } from './update-shard-count.js';
import { updateStreamMode } from './update-stream-mode.js';
import { updateStreamWarmThroughput } from './update-stream-warm-throughput.js';

export const kinesisOperations: readonly Operation<KinesisDeps>[] = [
  addTagsToStream,
  createStream,
  decreaseStreamRetentionPeriod,
  deleteResourcePolicy,
  deleteStream,
  deregisterStreamConsumer,
  describeAccountSettings,
  describeLimits,
  describeStream,
  describeStreamConsumer,
  describeStreamSummary,
  disableEnhancedMonitoring,
  enableEnhancedMonitoring,
  getRecords,
  getResourcePolicy,
  getShardIterator,
  increaseStreamRetentionPeriod,
  listShards,
  listStreamConsumers,
  listStreams,
  listTagsForResource,
  listTagsForStream,
  mergeShards,
  putRecord,
  putRecords,
  putResourcePolicy,
  registerStreamConsumer,
  removeTagsFromStream,
  splitShard,
  startStreamEncryption,
  stopStreamEncryption,
  subscribeToShard,
  tagResource,
  untagResource,
  updateAccountSettings,
  updateMaxRecordSize,
  updateShardCount,
  updateStreamMode,
  updateStreamWarmThroughput,
];

/** Operations not implemented yet: validated like AWS, then answered with notImplementedYet. */
export const notImplementedOperations: readonly string[] = ['MergeShards', 'RegisterStreamConsumer', 'SplitShard', 'SubscribeToShard', 'UpdateShardCount'];
