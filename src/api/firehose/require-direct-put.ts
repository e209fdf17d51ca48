// The checks PutRecord and PutRecordBatch share: the stream exists, is ACTIVE, is DirectPut, and
// the records are within Firehose's size limits.

import type { StoredDeliveryStream } from '../../delivery/delivery-stream-registry.js';
import { batchTooLarge, deliveryStreamInStatus, directPutNotPermitted, recordTooLarge } from '../../errors/firehose-errors.js';
import type { OperationInput } from '../operation.js';
import type { FirehoseDeps } from './firehose-deps.js';

export const MAX_RECORD_BYTES = 1_024_000;
export const MAX_BATCH_RECORDS = 500;
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

export function requireDirectPut(input: OperationInput, deps: FirehoseDeps, data: readonly Buffer[]): StoredDeliveryStream {
  const stream = deps.registry.require(input.DeliveryStreamName as string);
  if (stream.type !== 'DirectPut') throw directPutNotPermitted();
  const status = deps.registry.statusOf(stream);
  if (status !== 'ACTIVE') throw deliveryStreamInStatus(stream.name, status);
  const total = data.reduce((sum, d) => sum + d.length, 0);
  if (data.length > MAX_BATCH_RECORDS || total > MAX_BATCH_BYTES) throw batchTooLarge(data.length, total);
  const big = data.find((d) => d.length > MAX_RECORD_BYTES);
  if (big) throw recordTooLarge(big.length);
  return stream;
}
