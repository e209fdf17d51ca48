// What a delivery stream's source (DirectPut log, Kinesis stream) hands the delivery pipeline:
// batches of records in source order, each acknowledged explicitly once delivered, so only what
// was delivered is ever checkpointed (at-least-once across crashes).

/** One record as it enters the pipeline. */
export interface SourceRecord {
  /** Stable across redeliveries: `<deliveryStream>/<offset>` (DirectPut) or `<stream>/<shardId>/<sequenceNumber>`. */
  readonly recordId: string;
  readonly data: Buffer;
  /** Epoch ms. */
  readonly approximateArrivalTimestamp: number;
  /** Present for a Kinesis source (the transformation event's kinesisRecordMetadata). */
  readonly kinesis?: {
    readonly shardId: string;
    readonly partitionKey: string;
    readonly sequenceNumber: string;
    /** Epoch ms. */
    readonly approximateArrivalTimestamp: number;
  };
}

export interface SourceBatch {
  readonly records: readonly SourceRecord[];
  /**
   * Tells the source every record of this batch is delivered (or durably spooled). Batches may be
   * acknowledged in any order; the source checkpoints only up to the oldest unacknowledged batch.
   * Idempotent.
   */
  ack(): Promise<void>;
}

/**
 * A delivery stream's input. Iterating yields batches as records arrive (waiting when there are
 * none) starting after the last checkpoint; iteration ends after close(). Unacknowledged batches
 * are yielded again after a restart.
 */
export interface DeliverySource extends AsyncIterable<SourceBatch> {
  /** Stops iteration (a pending next() resolves done); idempotent. */
  close(): Promise<void>;
}
