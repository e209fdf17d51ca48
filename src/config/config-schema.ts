// The one source of truth for Tributary's configuration: the TypeScript type, the defaults, the
// JSON Schema (for editors: `tributary config-schema`) and the --help text all come from here.

import { Type, type Static } from '@sinclair/typebox';
import { MetricsSchema } from './metrics-schema.js';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Kinesis now takes records (and PutRecords requests) of up to 10 MiB once a stream's
 * MaxRecordSizeInKiB allows it; base64 inflates that to 13.4 MiB of JSON. 16 MiB leaves room for
 * the framing while still refusing anything larger before it is read.
 */
const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

const KinesisSchema = Type.Object(
  {
    createDelayMs: Type.Integer({ minimum: 0, default: 0, description: 'How long a new stream or delivery stream stays CREATING' }),
    deleteDelayMs: Type.Integer({ minimum: 0, default: 0, description: 'How long a deleted stream or delivery stream stays DELETING' }),
    updateDelayMs: Type.Integer({ minimum: 0, default: 0, description: 'How long an updated stream stays UPDATING' }),
    shardLimit: Type.Integer({ minimum: 1, default: 500, description: 'Account-wide shard limit' }),
    onDemandStreamCountLimit: Type.Integer({ minimum: 0, default: 50, description: 'Account-wide limit of ON_DEMAND streams' }),
    iteratorTtlMs: Type.Integer({ minimum: 1, default: 300_000, description: 'Lifetime of a shard iterator' }),
    retentionCheckIntervalMs: Type.Integer({
      minimum: 1,
      default: 60_000,
      description: 'How often expired records are reclaimed',
    }),
  },
  { default: {}, additionalProperties: false },
);

const StorageSchema = Type.Object(
  {
    segmentBytes: Type.Integer({ minimum: 1, default: 64 * 1024 * 1024, description: 'Size at which a log segment rolls' }),
    indexIntervalBytes: Type.Integer({ minimum: 1, default: 4096, description: 'Bytes between sparse index entries' }),
    fsync: Type.Boolean({ default: true, description: 'fsync appended records before acknowledging them' }),
  },
  { default: {}, additionalProperties: false },
);

const HttpSchema = Type.Object(
  {
    maxBodyBytes: Type.Integer({
      minimum: 1024,
      default: DEFAULT_MAX_BODY_BYTES,
      description: 'Larger request bodies are refused with 413 before being read',
    }),
  },
  { default: {}, additionalProperties: false },
);

const AuthSchema = Type.Object(
  {
    mode: Type.Union([Type.Literal('presence'), Type.Literal('off')], {
      default: 'presence',
      description: "'presence': require an Authorization header or presigned query as AWS does; 'off': accept anything",
    }),
  },
  { default: {}, additionalProperties: false },
);

const TlsSchema = Type.Object(
  {
    certFile: Type.String({ minLength: 1, description: 'PEM certificate; enables HTTPS (h2 via ALPN and HTTP/1.1)' }),
    keyFile: Type.String({ minLength: 1, description: 'PEM private key for tls.certFile' }),
  },
  { additionalProperties: false },
);

const LambdaSchema = Type.Object(
  {
    defaultConcurrency: Type.Integer({
      minimum: 1,
      default: 10,
      description: 'Worker threads per function (its maximum concurrent invocations) unless it sets its own',
    }),
    maxPendingEvents: Type.Integer({
      minimum: 1,
      default: 1000,
      description: 'Asynchronous (Event) invocations accepted and not yet finished (running, or stored awaiting a retry; they survive restarts); more get TooManyRequestsException',
    }),
    eventRetryDelaysMs: Type.Array(Type.Integer({ minimum: 0 }), {
      maxItems: 2,
      default: [60_000, 120_000],
      description: 'Delays before the retries of a failed asynchronous (Event) invocation, one per retry (Lambda: 2 retries, after about 1 and 2 minutes)',
    }),
    maxQueuedInvocations: Type.Integer({
      minimum: 0,
      default: 64,
      description: 'Invocations that may wait per function while all its instances are busy; more are throttled',
    }),
    idleTimeoutMs: Type.Integer({ minimum: 1, default: 600_000, description: 'A function instance (worker thread) idle this long is stopped' }),
  },
  { default: {}, additionalProperties: false },
);

/** Timing of the event source mapping engine: latency against work, never AWS-visible behaviour. */
const MappingsSchema = Type.Object(
  {
    idlePollMs: Type.Integer({ minimum: 1, default: 1000, description: 'An idle shard is re-read at least this often (new records wake it at once)' }),
    discoveryIntervalMs: Type.Integer({ minimum: 1, default: 10_000, description: "How often a mapping re-lists its stream's shards" }),
    retryBaseDelayMs: Type.Integer({ minimum: 0, default: 200, description: 'First delay before retrying a failed batch; doubles per retry' }),
    retryMaxDelayMs: Type.Integer({ minimum: 0, default: 10_000, description: 'Cap on the delay between retries of a failed batch' }),
    stopGraceMs: Type.Integer({
      minimum: 0,
      default: 5000,
      description: 'How long stopping a mapping waits for invocations in flight (their records are redelivered after)',
    }),
    checkpointIntervalMs: Type.Integer({ minimum: 0, default: 10, description: 'Minimum time between two checkpoint commits (each is an fsync)' }),
  },
  { default: {}, additionalProperties: false },
);

/**
 * Where S3 and ExtendedS3 destinations (and every destination's S3 backup / error output) land:
 * an S3-compatible endpoint when `endpoint` is set, otherwise the directory `<dataDir>/buckets/<bucket>`.
 */
const FirehoseS3Schema = Type.Object(
  {
    endpoint: Type.Optional(
      Type.String({ pattern: '^https?://', description: 'S3-compatible endpoint URL for Firehose S3 destinations; unset: directory buckets under <dataDir>/buckets' }),
    ),
    region: Type.Optional(Type.String({ minLength: 1, description: 'Signing region for firehose.s3.endpoint (default: the server region)' })),
    forcePathStyle: Type.Boolean({ default: true, description: 'Path-style addressing (<endpoint>/<bucket>/<key>), what most local S3 servers expect' }),
    accessKeyId: Type.Optional(Type.String({ minLength: 1, description: 'Static access key for firehose.s3.endpoint (with secretAccessKey); unset: the AWS SDK default chain' })),
    secretAccessKey: Type.Optional(Type.String({ minLength: 1, description: 'Static secret key for firehose.s3.endpoint (with accessKeyId)' })),
  },
  { default: {}, additionalProperties: false },
);

const FirehoseSchema = Type.Object(
  {
    s3: FirehoseS3Schema,
    parquetWorkers: Type.Integer({
      minimum: 1, maximum: 16, default: 1,
      description: 'Worker threads converting delivery buffers to Parquet, shared by every delivery stream (started on first use)',
    }),
  },
  { default: {}, additionalProperties: false },
);

/** A function registered from the config file: code in a local directory, or an HTTP endpoint. */
const FunctionEntrySchema = Type.Object(
  {
    name: Type.String({ pattern: '^[a-zA-Z0-9_-]{1,64}$', description: 'Function name' }),
    dir: Type.Optional(Type.String({ minLength: 1, description: 'Directory holding the code (used in place)' })),
    url: Type.Optional(Type.String({ pattern: '^https?://', description: 'HTTP endpoint the event is POSTed to' })),
    handler: Type.String({ minLength: 1, default: 'index.handler', description: 'module.export of the handler' }),
    runtime: Type.String({ default: 'nodejs20.x', description: 'Lambda runtime name' }),
    timeout: Type.Integer({ minimum: 1, maximum: 900, default: 3, description: 'Seconds' }),
    memorySize: Type.Integer({ minimum: 128, maximum: 10240, default: 128, description: 'MB (worker heap limit)' }),
    concurrency: Type.Optional(Type.Integer({ minimum: 1, description: 'Worker threads (default lambda.defaultConcurrency)' })),
    environment: Type.Record(Type.String(), Type.String(), { default: {}, description: 'Environment variables' }),
  },
  { additionalProperties: false },
);

export type FunctionEntry = Static<typeof FunctionEntrySchema>;

export const ConfigSchema = Type.Object(
  {
    host: Type.String({ minLength: 1, default: '127.0.0.1', description: 'Interface to listen on' }),
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 4567, description: 'Port to listen on (0 picks a free one)' }),
    dataDir: Type.String({ minLength: 1, default: './.tributary', description: 'Directory holding all durable data' }),
    region: Type.String({ pattern: '^[a-z]{2}(-[a-z]+)+-\\d+$', default: 'us-east-1', description: 'Region used in ARNs' }),
    accountId: Type.String({ pattern: '^\\d{12}$', default: '000000000000', description: 'Account id used in ARNs' }),
    logLevel: Type.Union(
      logLevels.map((level) => Type.Literal(level)),
      { default: 'info', description: 'Log level of the JSON logs written to stderr' },
    ),
    tls: Type.Optional(TlsSchema),
    auth: AuthSchema,
    kinesis: KinesisSchema,
    storage: StorageSchema,
    http: HttpSchema,
    metrics: MetricsSchema,
    lambda: LambdaSchema,
    mappings: MappingsSchema,
    firehose: FirehoseSchema,
    functions: Type.Array(FunctionEntrySchema, {
      default: [],
      description: 'Functions registered at start-up from a local directory or as an HTTP endpoint (config file only)',
    }),
  },
  { additionalProperties: false, title: 'Tributary configuration' },
);

/** A complete, validated configuration. Instances handed out by the loaders are deeply frozen. */
export type Config = Static<typeof ConfigSchema>;
export type LogLevel = Config['logLevel'];
