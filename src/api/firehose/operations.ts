// Every Firehose operation Tributary implements; the rest of the model answers "not implemented".

import type { Operation } from '../operation.js';
import { createDeliveryStream } from './create-delivery-stream.js';
import { deleteDeliveryStream } from './delete-delivery-stream.js';
import { describeDeliveryStream } from './describe-delivery-stream.js';
import type { FirehoseDeps } from './firehose-deps.js';
import { listDeliveryStreams } from './list-delivery-streams.js';
import { listTagsForDeliveryStream } from './list-tags-for-delivery-stream.js';
import { putRecordBatch } from './put-record-batch.js';
import { putRecord } from './put-record.js';
import { startDeliveryStreamEncryption } from './start-delivery-stream-encryption.js';
import { stopDeliveryStreamEncryption } from './stop-delivery-stream-encryption.js';
import { tagDeliveryStream } from './tag-delivery-stream.js';
import { untagDeliveryStream } from './untag-delivery-stream.js';
import { updateDestination } from './update-destination.js';

export const firehoseOperations: readonly Operation<FirehoseDeps>[] = [
  createDeliveryStream,
  deleteDeliveryStream,
  describeDeliveryStream,
  listDeliveryStreams,
  listTagsForDeliveryStream,
  putRecord,
  putRecordBatch,
  startDeliveryStreamEncryption,
  stopDeliveryStreamEncryption,
  tagDeliveryStream,
  untagDeliveryStream,
  updateDestination,
];
