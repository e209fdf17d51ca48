// What the built server writes for format and compression settings: JSON → Parquet conversion (run
// in the conversion worker thread, found from dist/) with a bad record in the format-conversion-failed
// error output, and error output / S3 backups compressed per their S3 configuration's CompressionFormat.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { parquetReadObjects } from 'hyparquet';
import { FirehoseFixture, ROLE, defaultKeyPattern } from './support/firehose-fixture.js';
import { FirehoseEndpoint } from './support/firehose-endpoint.js';

const docs = (body: Buffer): Record<string, unknown>[] => body.toString().trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const raw = (doc: Record<string, unknown>): string => Buffer.from(String(doc.rawData), 'base64').toString();

describe('Firehose format conversion and error-output compression (server)', () => {
  let fx: FirehoseFixture;
  let ep: FirehoseEndpoint;
  before(async () => {
    fx = await FirehoseFixture.start();
    ep = await FirehoseEndpoint.start();
  });
  after(async () => {
    await fx.close();
    await ep.close();
  });

  test('Parquet conversion: converted records land as one .parquet object, a non-JSON record under format-conversion-failed', async () => {
    await fx.createDeliveryStream({
      DeliveryStreamName: 'pq', DeliveryStreamType: 'DirectPut',
      ExtendedS3DestinationConfiguration: {
        BucketARN: 'arn:aws:s3:::pq-bucket', RoleARN: ROLE, ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/',
        BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 0 },
        DataFormatConversionConfiguration: {
          Enabled: true,
          InputFormatConfiguration: { Deserializer: { OpenXJsonSerDe: {} } },
          OutputFormatConfiguration: { Serializer: { ParquetSerDe: { Compression: 'SNAPPY' } } },
        },
      },
    });
    await fx.firehose.send(new PutRecordBatchCommand({
      DeliveryStreamName: 'pq',
      Records: ['{"id":1,"name":"a"}', 'not json', '{"id":2,"name":"b","ok":true}'].map((s) => ({ Data: Buffer.from(s) })),
    }));
    const objects = await fx.waitForObjects('pq-bucket', (o) => o.length === 2, 'the Parquet object and the error object');
    const parquet = objects.find((o) => o.key.endsWith('.parquet'))!;
    assert.match(parquet.key, defaultKeyPattern('pq', '1', '.parquet'));
    const file = parquet.body.buffer.slice(parquet.body.byteOffset, parquet.body.byteOffset + parquet.body.length) as ArrayBuffer;
    assert.deepEqual(await parquetReadObjects({ file }), [{ id: 1n, name: 'a', ok: null }, { id: 2n, name: 'b', ok: true }]);
    const error = objects.find((o) => o.key.startsWith('errors/format-conversion-failed/'))!;
    assert.match(error.key, /^errors\/format-conversion-failed\/pq-1-[\d-]+-[0-9a-f-]{36}$/);
    const [doc] = docs(error.body);
    assert.deepEqual([doc!.lastErrorCode, doc!.lastErrorMessage, raw(doc!)], ['DataFormatConversion.MalformedData', 'The record is not a JSON object.', 'not json']);
  });

  test('ExtendedS3 with GZIP: the partitioning-failed error object is gzipped and ends in .gz', async () => {
    await fx.createDeliveryStream({
      DeliveryStreamName: 'gz-err', DeliveryStreamType: 'DirectPut',
      ExtendedS3DestinationConfiguration: {
        BucketARN: 'arn:aws:s3:::gz-err-bucket', RoleARN: ROLE, CompressionFormat: 'GZIP',
        Prefix: 'tenant=!{partitionKeyFromQuery:tenant}/', ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/',
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
        DynamicPartitioningConfiguration: { Enabled: true },
        ProcessingConfiguration: {
          Enabled: true,
          Processors: [{ Type: 'MetadataExtraction', Parameters: [
            { ParameterName: 'MetadataExtractionQuery', ParameterValue: '{tenant:.tenant}' },
            { ParameterName: 'JsonParsingEngine', ParameterValue: 'JQ-1.6' },
          ] }],
        },
      },
    });
    await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'gz-err', Records: [{ Data: Buffer.from('{"tenant":"t1"}') }, { Data: Buffer.from('plain text') }] }));
    const objects = await fx.waitForObjects('gz-err-bucket', (o) => o.length === 2, 'the data and error objects');
    const error = objects.find((o) => o.key.startsWith('errors/'))!;
    assert.match(error.key, /^errors\/partitioning-failed\/gz-err-1-[\d-]+-[0-9a-f-]{36}\.gz$/);
    assert.deepEqual(docs(gunzipSync(error.body)).map(raw), ['plain text']);
    const data = objects.find((o) => o.key.startsWith('tenant=t1/'))!;
    assert.equal(gunzipSync(data.body).toString(), '{"tenant":"t1"}');
  });

  test('HTTP endpoint whose S3Configuration says GZIP: the http-endpoint-failed backup is gzipped and ends in .gz', async () => {
    await fx.createDeliveryStream({
      DeliveryStreamName: 'he-gz', DeliveryStreamType: 'DirectPut',
      HttpEndpointDestinationConfiguration: {
        EndpointConfiguration: { Url: ep.url, Name: 'local' },
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
        S3BackupMode: 'FailedDataOnly',
        S3Configuration: { BucketARN: 'arn:aws:s3:::he-gz-backup', RoleARN: ROLE, CompressionFormat: 'GZIP', ErrorOutputPrefix: 'failed/!{firehose:error-output-type}/' },
      },
    });
    ep.script.push(413);
    await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'he-gz', Records: [{ Data: Buffer.from('refused') }] }));
    const [backup] = await fx.waitForObjects('he-gz-backup', (o) => o.length === 1, 'the gzipped backup');
    assert.match(backup!.key, /^failed\/http-endpoint-failed\/he-gz-1-[\d-]+-[0-9a-f-]{36}\.gz$/);
    const [doc] = docs(gunzipSync(backup!.body));
    assert.deepEqual([doc!.errorMessage, raw(doc!)], ['Received the following response from the endpoint destination. 413: scripted 413', 'refused']);
  });
});
