// Every metric of the catalogue is emitted on /metrics by one exercise of the system: Kinesis puts
// and reads, a filtered mapping whose function fails and whose failed records go to an SQS
// on-failure destination, and a Direct PUT delivery stream that delivers to a file bucket.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { GetRecordsCommand, GetShardIteratorCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { METRIC_CATALOGUE } from '../../src/metrics/metric-catalogue.js';
import { familyName } from '../../src/metrics/prometheus-exporter.js';
import { EsmFixture } from './support/esm-fixture.js';
import { recordingHandler } from './support/esm-handler.js';
import { pollUntil } from './support/poll-until.js';
import { parsePrometheusText, sampleValue, type Family } from './support/prometheus-text.js';

const STREAM = 'catalogue-stream';
const SHARD = 'shardId-000000000000';
const DELIVERY = 'catalogue-delivery';
const FAIL_ON_POISON = recordingHandler(`
  if (event.Records.some((r) => data(r) === 'poison')) throw new Error('poison record');
  return { ok: true };
`);

let fx: EsmFixture;

async function scrape(): Promise<Map<string, Family>> {
  const res = await fetch(`${fx.server.url}/metrics`);
  assert.equal(res.status, 200);
  return parsePrometheusText(await res.text());
}

before(async () => {
  fx = await EsmFixture.start();
});

after(async () => {
  await fx?.close();
});

describe('metric catalogue', () => {
  test('every catalogued name and dimension set is emitted; mapping counts are exact', async () => {
    const streamArn = await fx.createStream(STREAM);
    const fn = await fx.createFunction('catalogue-fn', FAIL_ON_POISON);
    const dlq = await fx.createQueue('catalogue-dlq');
    const mapping = await fx.createMapping({
      FunctionName: fn.name,
      EventSourceArn: streamArn,
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 10,
      MaximumRetryAttempts: 0,
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ partitionKey: ['k1'] }) }] },
      DestinationConfig: { OnFailure: { Destination: dlq.arn } },
    });
    const uuid = mapping.UUID!;
    await fx.put(STREAM, [
      { key: 'k1', data: 'fine' },
      { key: 'k1', data: 'poison' },
      { key: 'k2', data: 'filtered' },
    ]);
    await fx.kinesis.send(new PutRecordCommand({ StreamName: STREAM, PartitionKey: 'k2', Data: Buffer.from('filtered too') }));
    const iterator = await fx.kinesis.send(new GetShardIteratorCommand({ StreamName: STREAM, ShardId: SHARD, ShardIteratorType: 'TRIM_HORIZON' }));
    await fx.kinesis.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator! }));

    const firehose = new FirehoseClient({ endpoint: fx.server.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy-secret' }, maxAttempts: 1 });
    try {
      await firehose.send(new CreateDeliveryStreamCommand({
        DeliveryStreamName: DELIVERY,
        ExtendedS3DestinationConfiguration: { BucketARN: 'arn:aws:s3:::catalogue-bucket', RoleARN: 'arn:aws:iam::000000000000:role/firehose', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } },
      }));
      await pollUntil(async () => (await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: DELIVERY }))).DeliveryStreamDescription?.DeliveryStreamStatus === 'ACTIVE', 'delivery stream ACTIVE', 10_000, 50);
      await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: DELIVERY, Records: [{ Data: Buffer.from('one\n') }, { Data: Buffer.from('two\n') }] }));
    } finally {
      firehose.destroy();
    }
    const delivery = { delivery_stream_name: DELIVERY };

    const esm = { event_source_mapping_uuid: uuid };
    const families = await pollUntil(async () => {
      const got = await scrape();
      return sampleValue(got, 'tributary_lambda_on_failure_destination_delivered_event_count_total', esm) === 2 &&
        sampleValue(got, 'tributary_lambda_polled_event_count_total', esm) === 4 &&
        sampleValue(got, 'tributary_sqs_approximate_number_of_messages_visible', { queue_name: 'catalogue-dlq' }) === 1 &&
        sampleValue(got, 'tributary_firehose_delivery_to_s3_records_total', delivery) === 2
        ? got
        : undefined;
    }, 'the failed batch delivered to the DLQ and the delivery stream delivered', 30_000);

    const missing: string[] = [];
    for (const def of METRIC_CATALOGUE) {
      for (const dims of def.dimensions) {
        const name = familyName(def, dims.includes('ShardId'));
        const family = families.get(name) ?? families.get(name.replace(/_total$/, ''));
        if (family === undefined || family.samples.length === 0) missing.push(`${def.id} [${dims.join(',')}] as ${name}`);
      }
    }
    assert.deepEqual(missing, []);

    const value = (name: string, labels: Record<string, string>): number | undefined => sampleValue(families, name, labels);
    assert.equal(value('tributary_lambda_filtered_out_event_count_total', esm), 2);
    assert.equal(value('tributary_lambda_invoked_event_count_total', esm), 2);
    assert.equal(value('tributary_lambda_failed_invoke_event_count_total', esm), 2);
    assert.equal(value('tributary_lambda_dropped_event_count_total', esm), 2);
    assert.equal(value('tributary_lambda_invocations_total', { function_name: fn.name }), 1);
    assert.equal(value('tributary_lambda_errors_total', { function_name: fn.name }), 1);
    assert.equal(value('tributary_lambda_throttles_total', { function_name: fn.name }), 0);
    assert.equal(value('tributary_lambda_concurrent_executions', { function_name: fn.name }), 0);
    assert.equal(value('tributary_lambda_shard_mapping_lag_records', { event_source_mapping_uuid: uuid, shard_id: SHARD }), 0);
    assert.equal(value('tributary_kinesis_incoming_records_total', { stream_name: STREAM }), 4);
    assert.equal(value('tributary_firehose_incoming_records_total', delivery), 2);
    assert.equal(value('tributary_firehose_incoming_bytes_total', delivery), 8);
    assert.equal(value('tributary_firehose_delivery_to_s3_bytes_total', delivery), 8);
    assert.equal(value('tributary_firehose_delivery_to_s3_success_total', delivery), 1);
    assert.equal(value('tributary_firehose_buffered_bytes', delivery), 0);
    assert.equal(value('tributary_firehose_spooled_bytes', delivery), 0);
  });
});
