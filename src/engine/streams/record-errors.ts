// Domain errors of the data plane (puts, iterators, reads). They carry facts only; api/kinesis
// turns each kind into the AWS error and message (data-error-mapping.ts).

export type RecordErrorDetail =
  /** PutRecord(s) on a stream that does not exist or is not ACTIVE/UPDATING. */
  | { readonly kind: 'stream-not-found'; readonly streamName: string }
  /** A ShardId that does not name a shard index at all (`ABKLFD8`, `2.14E4`, index > 2^31-1). */
  | { readonly kind: 'shard-unresolvable'; readonly rawShardId: string; readonly streamName: string }
  /** A well-formed shard id whose shard (or stream) does not exist or is not readable. */
  | { readonly kind: 'shard-not-found'; readonly shardId: string; readonly streamName: string }
  | { readonly kind: 'invalid-explicit-hash-key'; readonly value: string }
  /** Records whose data + partition key exceed the stream's maximum record size. */
  | { readonly kind: 'records-too-large'; readonly indexes: readonly number[]; readonly limitBytes: number; readonly batch: boolean }
  /** The sum of data + partition key sizes of a PutRecords request exceeds the request limit. */
  | { readonly kind: 'request-too-large'; readonly limitMiB: number }
  | { readonly kind: 'invalid-sequence-number-for-ordering'; readonly value: string; readonly streamName: string }
  | { readonly kind: 'iterator-type-mismatch'; readonly iteratorType: string; readonly hasSequenceNumber: boolean }
  | { readonly kind: 'missing-timestamp' }
  | { readonly kind: 'future-timestamp'; readonly timestamp: number; readonly now: number }
  /** Malformed StartingSequenceNumber, or one never assigned in this shard. */
  | { readonly kind: 'invalid-starting-sequence-number'; readonly value: string; readonly shardId: string; readonly streamName: string }
  | { readonly kind: 'sequence-number-other-shard'; readonly encodedShardId: string; readonly shardId: string }
  | { readonly kind: 'sequence-number-other-stream'; readonly value: string; readonly shardId: string; readonly streamName: string }
  | { readonly kind: 'invalid-shard-iterator' }
  | { readonly kind: 'expired-shard-iterator'; readonly createdAt: number; readonly now: number; readonly ttlMs: number };

export class RecordError extends Error {
  constructor(readonly detail: RecordErrorDetail) {
    super(`data plane error: ${detail.kind}`);
    this.name = 'RecordError';
  }
}
