// The contract between the delivery pipeline and a destination (file system, S3, HTTP endpoint,
// PostgreSQL, DuckDB). The pipeline buffers, transforms, partitions and encodes; a Sink only
// lands one finished buffer, idempotently.

/** One record as delivered (after any transformation). */
export interface DeliveryRecord {
  /**
   * Stable identity of the source record, the same on every redelivery: `<stream>/<shardId>/<sequenceNumber>`
   * for a Kinesis source, `<deliveryStream>/<offset>` for DirectPut. Row sinks use it for idempotence.
   */
  readonly recordId: string;
  readonly data: Buffer;
  /** Epoch ms. */
  readonly approximateArrivalTimestamp: number;
  /** Dynamic partitioning keys of the buffer the record belongs to, when partitioning is on. */
  readonly partitionKeys?: Readonly<Record<string, string>>;
}

export interface SinkBatch {
  /**
   * Deterministic for a given buffer (same records → same key), so a retried delivery overwrites
   * instead of duplicating. For object sinks: the full object key (prefix included).
   */
  readonly objectKey: string;
  /** The encoded object (delimited, converted, compressed) for object sinks and HTTP. */
  readonly body: Buffer;
  /** Content-Encoding/Content-Type hints for object sinks (e.g. 'gzip', 'application/octet-stream'). */
  readonly contentType?: string;
  readonly contentEncoding?: string;
  /** The individual records, for row sinks (PostgreSQL, DuckDB) and the HTTP endpoint format. */
  readonly records: readonly DeliveryRecord[];
}

/**
 * A destination. Contract: deliver() resolves only once the batch is durably landed; delivering
 * the same batch twice (same objectKey / recordIds) leaves the destination as if delivered once;
 * it rejects on any failure, and the pipeline retries (never drops).
 */
export interface Sink {
  deliver(batch: SinkBatch): Promise<void>;
  close(): Promise<void>;
}
