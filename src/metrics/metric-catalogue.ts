// The one catalogue of Tributary's metric names. Ids are `<namespace>:<CloudWatch name>` (CloudWatch's
// names where they exist); dimensions use CloudWatch's dimension names. Prometheus names derive from it.

export type MetricKind = 'counter' | 'gauge' | 'timer';
export type MetricNamespace = 'kinesis' | 'lambda' | 'sqs' | 'firehose';

export interface MetricDefinition {
  /** `<namespace>:<name>`, e.g. `kinesis:IncomingRecords`. */
  readonly id: string;
  readonly namespace: MetricNamespace;
  /** CloudWatch's name, e.g. `PutRecords.Latency`. */
  readonly name: string;
  readonly kind: MetricKind;
  readonly unit: 'Count' | 'Bytes' | 'Milliseconds';
  /** Every allowed dimension set (CloudWatch dimension names); a series uses exactly one of them. */
  readonly dimensions: readonly (readonly string[])[];
  readonly help: string;
}

const STREAM = ['StreamName'];
const SHARD = ['StreamName', 'ShardId'];
const FN = ['FunctionName'];
const ESM = ['EventSourceMappingUUID'];
const ESM_SHARD = ['EventSourceMappingUUID', 'ShardId'];
const QUEUE = ['QueueName'];
const DELIVERY = ['DeliveryStreamName'];

function def(
  namespace: MetricNamespace, name: string, kind: MetricKind, unit: MetricDefinition['unit'],
  dimensions: readonly (readonly string[])[], help: string,
): MetricDefinition {
  return { id: `${namespace}:${name}`, namespace, name, kind, unit, dimensions, help };
}

export const METRIC_CATALOGUE: readonly MetricDefinition[] = [
  def('kinesis', 'IncomingRecords', 'counter', 'Count', [STREAM, SHARD], 'Records successfully put'),
  def('kinesis', 'IncomingBytes', 'counter', 'Bytes', [STREAM, SHARD], 'Bytes successfully put (data and partition keys)'),
  def('kinesis', 'PutRecord.Success', 'counter', 'Count', [STREAM], 'Successful PutRecord calls'),
  def('kinesis', 'PutRecord.Latency', 'timer', 'Milliseconds', [STREAM], 'PutRecord call latency'),
  def('kinesis', 'PutRecords.Success', 'counter', 'Count', [STREAM], 'PutRecords calls with at least one record stored'),
  def('kinesis', 'PutRecords.Latency', 'timer', 'Milliseconds', [STREAM], 'PutRecords call latency'),
  def('kinesis', 'PutRecords.FailedRecords', 'counter', 'Count', [STREAM], 'Records PutRecords refused'),
  def('kinesis', 'GetRecords.Success', 'counter', 'Count', [STREAM], 'Successful GetRecords calls'),
  def('kinesis', 'GetRecords.Latency', 'timer', 'Milliseconds', [STREAM], 'GetRecords call latency'),
  def('kinesis', 'GetRecords.Bytes', 'counter', 'Bytes', [STREAM, SHARD], 'Bytes returned by GetRecords'),
  def('kinesis', 'GetRecords.Records', 'counter', 'Count', [STREAM, SHARD], 'Records returned by GetRecords'),
  def('kinesis', 'GetRecords.IteratorAgeMilliseconds', 'gauge', 'Milliseconds', [STREAM, SHARD], 'Age of the last record GetRecords returned (0 at the tip)'),
  def('kinesis', 'WriteProvisionedThroughputExceeded', 'counter', 'Count', [STREAM, SHARD], 'Records refused for write throughput'),
  def('kinesis', 'ReadProvisionedThroughputExceeded', 'counter', 'Count', [STREAM, SHARD], 'GetRecords calls refused for read throughput'),

  def('lambda', 'Invocations', 'counter', 'Count', [FN], 'Function invocations (successful or failed)'),
  def('lambda', 'Errors', 'counter', 'Count', [FN], 'Invocations that ended in a function error'),
  def('lambda', 'Duration', 'timer', 'Milliseconds', [FN], 'Time the handler ran'),
  def('lambda', 'Throttles', 'counter', 'Count', [FN], 'Invocation requests refused for concurrency'),
  def('lambda', 'ConcurrentExecutions', 'gauge', 'Count', [FN], 'Invocations running now'),
  def('lambda', 'IteratorAge', 'gauge', 'Milliseconds', [ESM, ESM_SHARD], 'Age of the last record of the last batch handed to the function'),
  def('lambda', 'PolledEventCount', 'counter', 'Count', [ESM], 'Records read from the stream'),
  def('lambda', 'FilteredOutEventCount', 'counter', 'Count', [ESM], 'Records dropped by the filter criteria'),
  def('lambda', 'InvokedEventCount', 'counter', 'Count', [ESM], 'Records handed to the function'),
  def('lambda', 'FailedInvokeEventCount', 'counter', 'Count', [ESM], 'Records of invocations that failed'),
  def('lambda', 'DroppedEventCount', 'counter', 'Count', [ESM], 'Records discarded (retries exhausted or too old)'),
  def('lambda', 'OnFailureDestinationDeliveredEventCount', 'counter', 'Count', [ESM], 'Records whose failure was sent to the on-failure destination'),
  def('lambda', 'MappingLagRecords', 'gauge', 'Count', [ESM_SHARD], 'Records between the checkpoint and the end of the shard (Tributary)'),
  def('lambda', 'MappingLagMilliseconds', 'gauge', 'Milliseconds', [ESM_SHARD], 'Age of the oldest unprocessed record (Tributary)'),

  def('sqs', 'ApproximateNumberOfMessagesVisible', 'gauge', 'Count', [QUEUE], 'Messages available to receive'),
  def('sqs', 'ApproximateNumberOfMessagesNotVisible', 'gauge', 'Count', [QUEUE], 'Messages in flight'),
  def('sqs', 'ApproximateNumberOfMessagesDelayed', 'gauge', 'Count', [QUEUE], 'Messages delayed'),

  def('firehose', 'IncomingRecords', 'counter', 'Count', [DELIVERY], 'Records received'),
  def('firehose', 'IncomingBytes', 'counter', 'Bytes', [DELIVERY], 'Bytes received'),
  def('firehose', 'DeliveryToS3.Records', 'counter', 'Count', [DELIVERY], 'Records delivered'),
  def('firehose', 'DeliveryToS3.Bytes', 'counter', 'Bytes', [DELIVERY], 'Bytes delivered'),
  def('firehose', 'DeliveryToS3.Success', 'counter', 'Count', [DELIVERY], 'Successful deliveries'),
  def('firehose', 'DeliveryToS3.DataFreshness', 'gauge', 'Milliseconds', [DELIVERY], 'Age of the oldest undelivered record'),
  def('firehose', 'BufferedBytes', 'gauge', 'Bytes', [DELIVERY], 'Bytes buffered in memory (Tributary)'),
  def('firehose', 'SpooledBytes', 'gauge', 'Bytes', [DELIVERY], 'Bytes spooled to disk (Tributary)'),
];

const BY_ID = new Map(METRIC_CATALOGUE.map((m) => [m.id, m]));

/** The definition of `id`; throws for a name not in the catalogue (a typo is a bug). */
export function metricDefinition(id: string): MetricDefinition {
  const found = BY_ID.get(id);
  if (found === undefined) throw new Error(`metric ${id} is not in the catalogue`);
  return found;
}

/** `kinesis:PutRecords.Latency` → `tributary_kinesis_put_records_latency_milliseconds`. */
export function prometheusName(m: MetricDefinition): string {
  const snake = m.name.replace(/\./g, '_').replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();
  const base = `tributary_${m.namespace}_${snake}`;
  if (m.kind === 'counter') return `${base}_total`;
  if (m.kind === 'timer' || (m.unit === 'Milliseconds' && !snake.endsWith('milliseconds'))) return `${base}_milliseconds`;
  return base;
}

/** `EventSourceMappingUUID` → `event_source_mapping_uuid`. */
export function prometheusLabel(dimension: string): string {
  return dimension.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();
}
