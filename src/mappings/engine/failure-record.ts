// The on-failure destination record (ESM.md §5.4), exactly as AWS writes it: compact JSON in AWS's
// key order; `responseContext` only for RetryAttemptsExhausted; the S3 form adds the full payload.

import { withRecords, type EventRecord } from './kinesis-event.js';

export type DiscardCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

/** Records given up on, with what is known about their last invocation. */
export interface Discard {
  /** In shard order, at least one. */
  readonly records: readonly EventRecord[];
  readonly condition: DiscardCondition;
  /** Invocations made for these records (already at least 1). */
  readonly approximateInvokeCount: number;
  /** Request id of the last invocation (a fresh UUID when there was none). */
  readonly requestId: string;
  /** RetryAttemptsExhausted only: the last invocation's result. */
  readonly response?: { readonly executedVersion: string; readonly functionError: string | null };
}

export interface FailureSource {
  readonly functionArn: string;
  readonly shardId: string;
  readonly streamArn: string;
}

/** The record sent to SQS (as the message body) at time `now` (epoch ms). */
export function failureRecord(discard: Discard, source: FailureSource, now: number): string {
  const first = discard.records[0]!;
  const last = discard.records[discard.records.length - 1]!;
  const body: Record<string, unknown> = {
    requestContext: {
      requestId: discard.requestId,
      functionArn: source.functionArn,
      condition: discard.condition,
      approximateInvokeCount: discard.approximateInvokeCount,
    },
  };
  if (discard.condition === 'RetryAttemptsExhausted') {
    body['responseContext'] = {
      statusCode: 200,
      executedVersion: discard.response?.executedVersion ?? '$LATEST',
      functionError: discard.response?.functionError ?? null,
    };
  }
  body['version'] = '1.0';
  body['timestamp'] = new Date(now).toISOString();
  body['KinesisBatchInfo'] = {
    shardId: source.shardId,
    startSequenceNumber: first.sequenceNumber,
    endSequenceNumber: last.sequenceNumber,
    approximateArrivalOfFirstRecord: new Date(first.timestamp).toISOString(),
    approximateArrivalOfLastRecord: new Date(last.timestamp).toISOString(),
    batchSize: discard.records.length,
    streamArn: source.streamArn,
  };
  return JSON.stringify(body);
}

/** The S3 object body: the record above plus "payload": {"Records": [...the discarded records...]}. */
export function failureRecordWithPayload(discard: Discard, source: FailureSource, now: number): Buffer {
  const record = failureRecord(discard, source, now);
  return withRecords(Buffer.from(`${record.slice(0, -1)},"payload":{"Records":`), discard.records, Buffer.from('}}'));
}
