// What a delivery stream's source (DirectPut log, Kinesis stream reader; F1's sources/) hands the
// pipeline: batches of records in source order, each acknowledged once everything in it has been
// delivered, spooled to disk, dropped by the transformation, or landed in the error output.

export interface KinesisRecordMetadata {
  readonly shardId: string;
  readonly partitionKey: string;
  readonly sequenceNumber: string;
  readonly subsequenceNumber: number;
  /** Epoch ms. */
  readonly approximateArrivalTimestamp: number;
}

export interface SourceRecord {
  /** Stable across redeliveries (see DeliveryRecord.recordId in ../sink.ts). */
  readonly recordId: string;
  readonly data: Buffer;
  /** Epoch ms. */
  readonly approximateArrivalTimestamp: number;
  /** Present for KinesisStreamAsSource. */
  readonly kinesis?: KinesisRecordMetadata;
}

export interface SourceBatch {
  readonly records: readonly SourceRecord[];
  /**
   * Marks the batch done so the source may checkpoint past it. The pipeline calls ack() at most
   * once per batch and in the order the batches were yielded.
   */
  ack(): Promise<void>;
}

/**
 * A source: iterating yields batches until the source is closed (the iterator then returns).
 * Batches not acknowledged before a crash are yielded again after restart (at-least-once).
 */
export interface DeliverySource extends AsyncIterable<SourceBatch> {
  /** Stops iteration: a pending next() resolves with done. Idempotent. */
  close(): Promise<void>;
}
