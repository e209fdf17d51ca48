// ExtendedS3 source-record backup (S3BackupMode Enabled) through SDK v3 against the real server with
// file-system buckets: the destination bucket gets the records transformed by a real Tributary
// function, the backup bucket the records exactly as put (Dropped ones too), GZIP-compressed by the
// backup's own configuration under its prefix; UpdateDestination turns the backup on and refuses to
// turn it off.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { DescribeDeliveryStreamCommand, PutRecordBatchCommand, PutRecordCommand, UpdateDestinationCommand } from '@aws-sdk/client-firehose';
import { FirehoseFixture, ROLE } from './support/firehose-fixture.js';
import { lines, suffixPattern } from './support/firehose-records.js';

const TRANSFORM = `export const handler = async (event) => ({
  records: event.records.map((r) => {
    const text = Buffer.from(r.data, 'base64').toString('utf8');
    if (text === 'drop') return { recordId: r.recordId, result: 'Dropped' };
    const value = JSON.parse(text);
    value.transformed = true;
    return { recordId: r.recordId, result: 'Ok', data: Buffer.from(JSON.stringify(value) + '\\n').toString('base64') };
  }),
});
`;

const DATE = '(\\d{4})/(\\d{2})/(\\d{2})/(\\d{2})/';

describe('Firehose ExtendedS3 source-record backup', () => {
  let fx: FirehoseFixture;
  before(async () => {
    fx = await FirehoseFixture.start();
  });
  after(async () => {
    await fx.close();
  });

  test('the destination gets the transformed records, the backup bucket the source records as put, GZIP, under its prefix', async () => {
    const arn = await fx.createFunction('sb-transform', TRANSFORM);
    await fx.createDeliveryStream({
      DeliveryStreamName: 'sb',
      ExtendedS3DestinationConfiguration: {
        BucketARN: 'arn:aws:s3:::sb-main', RoleARN: ROLE, Prefix: 'ok/',
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
        ProcessingConfiguration: {
          Enabled: true,
          Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: arn }, { ParameterName: 'BufferIntervalInSeconds', ParameterValue: '0' }] }],
        },
        S3BackupMode: 'Enabled',
        S3BackupConfiguration: { BucketARN: 'arn:aws:s3:::sb-raw', RoleARN: ROLE, Prefix: 'raw/', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 }, CompressionFormat: 'GZIP' },
      },
    });
    const d = await fx.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'sb' }));
    const ext = d.DeliveryStreamDescription!.Destinations![0]!.ExtendedS3DestinationDescription!;
    assert.equal(ext.S3BackupMode, 'Enabled');
    assert.deepEqual(ext.S3BackupDescription, {
      BucketARN: 'arn:aws:s3:::sb-raw', RoleARN: ROLE, Prefix: 'raw/', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 }, CompressionFormat: 'GZIP',
      EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' }, CloudWatchLoggingOptions: { Enabled: false },
    });

    const out = await fx.firehose.send(new PutRecordBatchCommand({
      DeliveryStreamName: 'sb',
      Records: [{ Data: Buffer.from('{"id":1}') }, { Data: Buffer.from('drop') }, { Data: Buffer.from('{"id":2}') }],
    }));
    assert.equal(out.FailedPutCount, 0);
    const main = await fx.waitForObjects('sb-main', (o) => o.length === 1, 'the transformed object');
    assert.match(main[0]!.key, new RegExp(`^ok/${DATE}${suffixPattern('sb', '1')}$`));
    assert.equal(main[0]!.body.toString(), '{"id":1,"transformed":true}\n{"id":2,"transformed":true}\n');
    const raw = await fx.waitForObjects('sb-raw', (o) => o.length === 1, 'the backup object');
    assert.match(raw[0]!.key, new RegExp(`^raw/${DATE}${suffixPattern('sb', '1', '.gz')}$`));
    assert.equal(gunzipSync(raw[0]!.body).toString(), '{"id":1}drop{"id":2}');
  });

  test('UpdateDestination enables the backup with S3BackupUpdate (records put afterwards are backed up) and refuses to disable it', async () => {
    await fx.createDeliveryStream({
      DeliveryStreamName: 'sb-up',
      ExtendedS3DestinationConfiguration: { BucketARN: 'arn:aws:s3:::sb-up-main', RoleARN: ROLE, BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } },
    });
    await fx.firehose.send(new PutRecordCommand({ DeliveryStreamName: 'sb-up', Record: { Data: Buffer.from('before;') } }));
    await fx.waitForObjects('sb-up-main', (o) => o.length === 1, 'the first object');
    await fx.firehose.send(new UpdateDestinationCommand({
      DeliveryStreamName: 'sb-up', CurrentDeliveryStreamVersionId: '1', DestinationId: 'destinationId-000000000001',
      ExtendedS3DestinationUpdate: { S3BackupMode: 'Enabled', S3BackupUpdate: { BucketARN: 'arn:aws:s3:::sb-up-raw', RoleARN: ROLE, BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } } },
    }));
    await fx.firehose.send(new PutRecordCommand({ DeliveryStreamName: 'sb-up', Record: { Data: Buffer.from('after;') } }));
    const raw = await fx.waitForObjects('sb-up-raw', (o) => o.length === 1, 'the backup object');
    assert.match(raw[0]!.key, new RegExp(`^${DATE}${suffixPattern('sb-up', '2')}$`), 'default prefix, version 2');
    assert.equal(raw[0]!.body.toString(), 'after;');
    const main = await fx.waitForObjects('sb-up-main', (o) => o.length === 2, 'the second object');
    assert.deepEqual(lines(main).sort(), ['after;', 'before;']);
    await assert.rejects(
      fx.firehose.send(new UpdateDestinationCommand({
        DeliveryStreamName: 'sb-up', CurrentDeliveryStreamVersionId: '2', DestinationId: 'destinationId-000000000001',
        ExtendedS3DestinationUpdate: { S3BackupMode: 'Disabled' },
      })),
      (err: Error) => {
        assert.equal(err.name, 'InvalidArgumentException');
        assert.equal(err.message, 'S3BackupMode cannot be changed from Enabled to Disabled: source record backup cannot be disabled once enabled.');
        return true;
      },
    );
  });
});
