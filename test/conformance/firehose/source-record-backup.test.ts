import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { S3_DESTINATION, withFirehose } from './firehose-target.js';

const BACKUP = { RoleARN: 'arn:aws:iam::000000000000:role/r', BucketARN: 'arn:aws:s3:::backup' };
const S3_DEFAULTS = {
  BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
  CompressionFormat: 'UNCOMPRESSED',
  EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
  CloudWatchLoggingOptions: { Enabled: false },
  Prefix: '',
};
const MISSING = 'S3BackupConfiguration with a BucketARN must be specified when S3BackupMode is Enabled.';
const update = (version: string, u: Record<string, unknown>) => ({ DeliveryStreamName: 'ds', CurrentDeliveryStreamVersionId: version, DestinationId: 'destinationId-000000000001', ExtendedS3DestinationUpdate: u });

describe('Firehose ExtendedS3 source-record backup (S3BackupMode Enabled)', () => {
  test('Enabled needs an S3BackupConfiguration; its Prefix may not partition and needs ErrorOutputPrefix with expressions', () =>
    withFirehose(async (t) => {
      const create = (conf: Record<string, unknown>) => t.error('CreateDeliveryStream', { DeliveryStreamName: 'x', ExtendedS3DestinationConfiguration: { ...S3_DESTINATION, ...conf } });
      assert.deepEqual(await create({ S3BackupMode: 'Enabled' }), { status: 400, type: 'InvalidArgumentException', message: MISSING });
      assert.deepEqual(await create({ S3BackupMode: 'Enabled', S3BackupConfiguration: { ...BACKUP, Prefix: 'raw/!{partitionKeyFromQuery:id}/', ErrorOutputPrefix: 'e/' } }), {
        status: 400, type: 'InvalidArgumentException',
        message: 'S3BackupConfiguration.Prefix: partitionKeyFromQuery and partitionKeyFromLambda expressions are not allowed (source records are not partitioned).',
      });
      assert.deepEqual(await create({ S3BackupMode: 'Enabled', S3BackupConfiguration: { ...BACKUP, Prefix: 'raw/!{nope}/', ErrorOutputPrefix: 'e/' } }), {
        status: 400, type: 'InvalidArgumentException', message: 'S3BackupConfiguration.Prefix: invalid expression !{nope}.',
      });
      assert.deepEqual(await create({ S3BackupMode: 'Enabled', S3BackupConfiguration: { ...BACKUP, Prefix: 'raw/!{timestamp:yyyy}/' } }), {
        status: 400, type: 'InvalidArgumentException', message: 'ErrorOutputPrefix cannot be null or empty when Prefix contains expressions or dynamic partitioning is enabled.',
      });
      assert.equal((await create({ S3BackupMode: 'On', S3BackupConfiguration: BACKUP })).type, 'ValidationException');
      assert.deepEqual((await t.call('ListDeliveryStreams', {})).DeliveryStreamNames, [], 'nothing was created');
    }));

  test('created Enabled: described with S3BackupDescription (defaults explicit), resolved with its own hints and compression', () =>
    withFirehose(async (t) => {
      const backup = { ...BACKUP, Prefix: 'raw/', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 }, CompressionFormat: 'GZIP' };
      await t.call('CreateDeliveryStream', { DeliveryStreamName: 'ds', ExtendedS3DestinationConfiguration: { ...S3_DESTINATION, CustomTimeZone: 'Europe/Paris', S3BackupMode: 'Enabled', S3BackupConfiguration: backup } });
      const d = (await t.call('DescribeDeliveryStream', { DeliveryStreamName: 'ds' })).DeliveryStreamDescription.Destinations[0];
      assert.equal(d.ExtendedS3DestinationDescription.S3BackupMode, 'Enabled');
      assert.deepEqual(d.ExtendedS3DestinationDescription.S3BackupDescription, { ...S3_DEFAULTS, ...backup });
      assert.equal(d.ExtendedS3DestinationDescription.S3BackupConfiguration, undefined);
      assert.equal(d.S3DestinationDescription.BucketARN, 'arn:aws:s3:::bucket');
      assert.deepEqual(t.subsystem.registry.require('ds').destination.sourceRecordBackup, {
        destination: { kind: 's3', bucket: 'backup', prefix: 'raw/', compression: 'GZIP' }, bufferingHints: { sizeInMBs: 1, intervalInSeconds: 60 },
      });
    }));

  test('Disabled with an S3BackupConfiguration: stored and described, no backup written', () =>
    withFirehose(async (t) => {
      await t.call('CreateDeliveryStream', { DeliveryStreamName: 'ds', ExtendedS3DestinationConfiguration: { ...S3_DESTINATION, S3BackupConfiguration: BACKUP } });
      const d = (await t.call('DescribeDeliveryStream', { DeliveryStreamName: 'ds' })).DeliveryStreamDescription.Destinations[0];
      assert.equal(d.ExtendedS3DestinationDescription.S3BackupMode, 'Disabled');
      assert.deepEqual(d.ExtendedS3DestinationDescription.S3BackupDescription, { ...S3_DEFAULTS, ...BACKUP });
      assert.equal(t.subsystem.registry.require('ds').destination.sourceRecordBackup, undefined);
    }));

  test('UpdateDestination turns it on with S3BackupUpdate, merges later S3BackupUpdates, and refuses to turn it off', () =>
    withFirehose(async (t) => {
      await t.call('CreateDeliveryStream', { DeliveryStreamName: 'ds', ExtendedS3DestinationConfiguration: S3_DESTINATION });
      assert.deepEqual(await t.error('UpdateDestination', update('1', { S3BackupMode: 'Enabled' })), { status: 400, type: 'InvalidArgumentException', message: MISSING });
      assert.deepEqual(await t.error('UpdateDestination', update('1', { S3BackupMode: 'Enabled', S3BackupUpdate: { Prefix: 'raw/' } })), { status: 400, type: 'InvalidArgumentException', message: MISSING });
      await t.call('UpdateDestination', update('1', { S3BackupMode: 'Enabled', S3BackupUpdate: { ...BACKUP, Prefix: 'raw/' } }));
      await t.call('UpdateDestination', update('2', { S3BackupUpdate: { CompressionFormat: 'GZIP' } }));
      const d = (await t.call('DescribeDeliveryStream', { DeliveryStreamName: 'ds' })).DeliveryStreamDescription;
      assert.equal(d.VersionId, '3');
      assert.equal(d.Destinations[0].ExtendedS3DestinationDescription.S3BackupMode, 'Enabled');
      assert.deepEqual(d.Destinations[0].ExtendedS3DestinationDescription.S3BackupDescription, { ...S3_DEFAULTS, ...BACKUP, Prefix: 'raw/', CompressionFormat: 'GZIP' });
      assert.equal(d.Destinations[0].ExtendedS3DestinationDescription.S3BackupUpdate, undefined);
      assert.deepEqual(await t.error('UpdateDestination', update('3', { S3BackupMode: 'Disabled' })), {
        status: 400, type: 'InvalidArgumentException',
        message: 'S3BackupMode cannot be changed from Enabled to Disabled: source record backup cannot be disabled once enabled.',
      });
      assert.equal((await t.call('DescribeDeliveryStream', { DeliveryStreamName: 'ds' })).DeliveryStreamDescription.VersionId, '3', 'the refused update changed nothing');
      assert.equal(t.subsystem.registry.require('ds').destination.sourceRecordBackup?.destination.compression, 'GZIP');
    }));
});
