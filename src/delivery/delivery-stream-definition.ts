// The engine's view of one delivery stream: what F1's registry stores (JSON-serialisable, no Buffers)
// and what the DeliveryEngine runs. Wire-shape parsing (ProcessorParameter strings, defaults) happens
// in the API layer; everything here is resolved and typed. The raw API configuration for Describe is
// the registry's business.

export type DeliveryStreamType = 'DirectPut' | 'KinesisStreamAsSource';

/** Whole-object compression, applied after buffering (size hints measure uncompressed bytes). */
export type CompressionFormat = 'UNCOMPRESSED' | 'GZIP' | 'ZIP' | 'Snappy' | 'HADOOP_SNAPPY';

export interface BufferingHints {
  /** Flush when the buffered (uncompressed) bytes reach this many MiB. */
  readonly sizeInMBs: number;
  /** Flush this many seconds after the first record entered the empty buffer; 0 = immediately. */
  readonly intervalInSeconds: number;
}

/** The `Lambda` processor, parameters parsed (defaults: retries 3, 1 MiB, 60 s). */
export interface TransformationSettings {
  /** As configured: `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]` or a bare name. */
  readonly lambdaArn: string;
  readonly numberOfRetries: number;
  readonly bufferSizeInMBs: number;
  readonly bufferIntervalInSeconds: number;
}

/** The `RecordDeAggregation` processor. */
export interface DeAggregationSettings {
  readonly subRecordType: 'JSON' | 'DELIMITED';
  /** Base64 of the delimiter bytes, for DELIMITED. */
  readonly delimiterBase64?: string;
}

export interface ProcessingSettings {
  /** ProcessingConfiguration.Enabled with a Lambda processor. */
  readonly transformation?: TransformationSettings;
  readonly deAggregation?: DeAggregationSettings;
  /** `MetadataExtraction` processor's MetadataExtractionQuery (jq object constructor). */
  readonly metadataExtractionQuery?: string;
  /** `AppendDelimiterToRecord` processor present: `\n` after each record. */
  readonly appendNewline: boolean;
}

export interface DynamicPartitioningSettings {
  readonly enabled: boolean;
  /** RetryOptions.DurationInSeconds (informational: we retry forever, never drop). */
  readonly retryDurationInSeconds?: number;
}

/** JSON → Parquet conversion (F3's formatter does the work). */
export interface FormatConversionSettings {
  readonly outputFormat: 'PARQUET';
  /** Parquet internal compression. */
  readonly parquetCompression: 'SNAPPY' | 'GZIP' | 'UNCOMPRESSED';
  /** Declared columns (name → Parquet/Hive type, e.g. 'string', 'int', 'double', 'boolean', 'timestamp'); inferred from records when absent. */
  readonly schema?: readonly { readonly name: string; readonly type: string }[];
}

/** How one buffer's records become an object body; the input of F3's `createFormatter(config)`. */
export interface FormatSettings {
  readonly appendNewline: boolean;
  readonly compression: CompressionFormat;
  readonly formatConversion?: FormatConversionSettings;
  /** FileExtension override (e.g. '.json.gz'); default from compression/format. */
  readonly fileExtension?: string;
}

/** Settings shared by every object-style destination (S3/file). */
export interface ObjectDestinationSettings {
  /** Bucket name (from the BucketARN `arn:aws:s3:::<bucket>`). */
  readonly bucket: string;
  /** S3-compatible endpoint URL; absent ⇒ the file sink (bucket = directory). */
  readonly endpoint?: string;
  readonly region?: string;
  /** Raw configured Prefix ('' when none). */
  readonly prefix: string;
  /** Raw configured ErrorOutputPrefix (absent when none). */
  readonly errorOutputPrefix?: string;
  /** IANA zone for timestamps in keys (CustomTimeZone); UTC when absent. */
  readonly customTimeZone?: string;
}

export interface S3DestinationSettings extends ObjectDestinationSettings {
  readonly kind: 's3';
  /**
   * CompressionFormat of this S3 configuration (absent = UNCOMPRESSED). For a backup (HTTP endpoint,
   * warehouse) it compresses the error output and backup copies; an S3 destination's own objects
   * use DestinationDefinition.format.compression (the same value).
   */
  readonly compression?: CompressionFormat;
}

export interface HttpEndpointDestinationSettings {
  readonly kind: 'http-endpoint';
  readonly url: string;
  readonly name?: string;
  readonly accessKey?: string;
  readonly contentEncoding: 'NONE' | 'GZIP';
  readonly commonAttributes: Readonly<Record<string, string>>;
  /** RetryOptions.DurationInSeconds; after it the batch is backed up under `http-endpoint-failed`, then still retried. */
  readonly retryDurationInSeconds: number;
  readonly s3BackupMode: 'FailedDataOnly' | 'AllData';
  /** The required S3Configuration (backup / error output). */
  readonly backup: S3DestinationSettings;
}

export interface PostgresDestinationSettings {
  readonly kind: 'postgres';
  /** `postgres://user:pass@host:port/db`. */
  readonly connectionString: string;
  /** Possibly schema-qualified (`schema.table`). */
  readonly table: string;
  /** Columns filled from the record's top-level JSON fields of the same name (DataTableColumns); default record_id, arrival_timestamp, data. */
  readonly columns?: readonly string[];
  /** Column holding the record id; when set, inserts are idempotent (ON CONFLICT DO NOTHING). */
  readonly recordIdColumn?: string;
  /** Take the id from this top-level JSON field of the record instead of stream/shard/sequence. */
  readonly recordIdField?: string;
  /** Error/backup output for records that fail processing. */
  readonly backup?: S3DestinationSettings;
}

export interface DuckDbDestinationSettings {
  readonly kind: 'duckdb';
  /** Path of the DuckDB database file, relative to `<dataDir>/warehouses` (never escaping it). */
  readonly path: string;
  readonly table: string;
  readonly columns?: readonly string[];
  readonly recordIdColumn?: string;
  readonly recordIdField?: string;
  readonly backup?: S3DestinationSettings;
}

export type DestinationSettings =
  | S3DestinationSettings
  | HttpEndpointDestinationSettings
  | PostgresDestinationSettings
  | DuckDbDestinationSettings;

/**
 * ExtendedS3 `S3BackupMode: Enabled`: every source record, as received (before de-aggregation,
 * transformation, partitioning and format conversion), is also written to this bucket, buffered by
 * the backup configuration's own hints and compressed by its `compression`.
 */
export interface SourceRecordBackupSettings {
  readonly destination: S3DestinationSettings;
  readonly bufferingHints: BufferingHints;
}

export interface DestinationDefinition {
  /** 'destinationId-000000000001'. */
  readonly destinationId: string;
  readonly settings: DestinationSettings;
  /** Source-record backup (ExtendedS3 with S3BackupMode Enabled). */
  readonly sourceRecordBackup?: SourceRecordBackupSettings;
  readonly bufferingHints: BufferingHints;
  readonly processing: ProcessingSettings;
  readonly dynamicPartitioning?: DynamicPartitioningSettings;
  readonly format: FormatSettings;
}

export interface DeliveryStreamDefinition {
  readonly name: string;
  /** Fresh per incarnation: a deleted and re-created stream of the same name gets a new id (and spool). */
  readonly id: string;
  readonly arn: string;
  readonly type: DeliveryStreamType;
  /** Starts at '1', +1 per UpdateDestination; part of object names. */
  readonly versionId: string;
  /** Epoch ms. */
  readonly createdAt: number;
  /** For KinesisStreamAsSource. */
  readonly sourceStreamArn?: string;
  readonly destination: DestinationDefinition;
}
