import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ACCOUNT, S3_DESTINATION, withFirehose } from './firehose-target.js';

const ARN = (name: string) => `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/${name}`;

describe('Firehose delivery stream lifecycle', () => {
  test('create, describe with explicit defaults, list, delete', () =>
    withFirehose(async (t) => {
      assert.deepEqual(await t.call('CreateDeliveryStream', { DeliveryStreamName: 'ds', ExtendedS3DestinationConfiguration: S3_DESTINATION }), { DeliveryStreamARN: ARN('ds') });
      const d = (await t.call('DescribeDeliveryStream', { DeliveryStreamName: 'ds' })).DeliveryStreamDescription;
      assert.equal(d.DeliveryStreamStatus, 'ACTIVE');
      assert.equal(d.DeliveryStreamType, 'DirectPut');
      assert.equal(d.VersionId, '1');
      assert.equal(d.CreateTimestamp, 1_700_000_000);
      assert.deepEqual(d.DeliveryStreamEncryptionConfiguration, { Status: 'DISABLED' });
      assert.equal(d.HasMoreDestinations, false);
      assert.deepEqual(d.Destinations, [
        {
          DestinationId: 'destinationId-000000000001',
          ExtendedS3DestinationDescription: {
            S3BackupMode: 'Disabled',
            BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
            CompressionFormat: 'UNCOMPRESSED',
            EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
            CloudWatchLoggingOptions: { Enabled: false },
            Prefix: '',
            ...S3_DESTINATION,
          },
          S3DestinationDescription: {
            ...S3_DESTINATION,
            Prefix: '',
            BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
            CompressionFormat: 'UNCOMPRESSED',
            EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
            CloudWatchLoggingOptions: { Enabled: false },
          },
        },
      ]);
      await t.call('CreateDeliveryStream', { DeliveryStreamName: 'a', S3DestinationConfiguration: S3_DESTINATION });
      assert.deepEqual(await t.call('ListDeliveryStreams', {}), { DeliveryStreamNames: ['a', 'ds'], HasMoreDeliveryStreams: false });
      assert.deepEqual(await t.call('ListDeliveryStreams', { Limit: 1 }), { DeliveryStreamNames: ['a'], HasMoreDeliveryStreams: true });
      assert.deepEqual(await t.call('ListDeliveryStreams', { ExclusiveStartDeliveryStreamName: 'a' }), { DeliveryStreamNames: ['ds'], HasMoreDeliveryStreams: false });
      assert.deepEqual(await t.call('DeleteDeliveryStream', { DeliveryStreamName: 'ds' }), {});
      assert.deepEqual(await t.error('DescribeDeliveryStream', { DeliveryStreamName: 'ds' }), {
        status: 400,
        type: 'ResourceNotFoundException',
        message: `Firehose ds under account ${ACCOUNT} not found.`,
      });
    }));

  test('DeleteDeliveryStream: DELETING for kinesis.deleteDelayMs, then gone with its log shard and spool; the name can be reused', () =>
    withFirehose(async (t) => {
      await t.call('CreateDeliveryStream', { DeliveryStreamName: 'ds', ExtendedS3DestinationConfiguration: S3_DESTINATION });
      await t.call('PutRecord', { DeliveryStreamName: 'ds', Record: { Data: Buffer.from('x').toString('base64') } });
      const first = t.subsystem.registry.require('ds');
      const spools = () => readdir(join(t.dataDir, 'delivery-spool')).catch(() => [] as string[]);
      assert.deepEqual(await spools(), [`ds-${first.id}`]);
      assert.deepEqual(await t.call('DeleteDeliveryStream', { DeliveryStreamName: 'ds' }), {});
      const d = (await t.call('DescribeDeliveryStream', { DeliveryStreamName: 'ds' })).DeliveryStreamDescription;
      assert.equal(d.DeliveryStreamStatus, 'DELETING');
      assert.deepEqual((await t.call('ListDeliveryStreams', {})).DeliveryStreamNames, ['ds']);
      assert.deepEqual(await t.error('PutRecord', { DeliveryStreamName: 'ds', Record: { Data: 'eA==' } }), {
        status: 400, type: 'ResourceInUseException', message: 'Firehose ds is in DELETING state and cannot be used for this operation.',
      });
      assert.equal((await t.error('CreateDeliveryStream', { DeliveryStreamName: 'ds', ExtendedS3DestinationConfiguration: S3_DESTINATION })).type, 'ResourceInUseException');
      assert.deepEqual(await t.call('DeleteDeliveryStream', { DeliveryStreamName: 'ds' }), {}, 'deleting a DELETING stream changes nothing');
      assert.equal(t.log.hasShard(`firehose/${first.id}`), true);
      t.clock.advance(5000);
      assert.equal((await t.error('DescribeDeliveryStream', { DeliveryStreamName: 'ds' })).type, 'ResourceNotFoundException');
      assert.deepEqual((await t.call('ListDeliveryStreams', {})).DeliveryStreamNames, []);
      await t.call('CreateDeliveryStream', { DeliveryStreamName: 'ds', ExtendedS3DestinationConfiguration: S3_DESTINATION });
      const second = t.subsystem.registry.require('ds');
      assert.notEqual(second.id, first.id);
      assert.equal(t.log.hasShard(`firehose/${first.id}`), false);
      assert.deepEqual(await spools(), [`ds-${second.id}`]);
      assert.equal((await t.call('DescribeDeliveryStream', { DeliveryStreamName: 'ds' })).DeliveryStreamDescription.DeliveryStreamStatus, 'ACTIVE');
    }, undefined, { kinesis: { deleteDelayMs: 5000 } }));

  test('RecordDeAggregation DELIMITED needs a base64 Delimiter; HTTP endpoint URLs may be http:// but must be URLs', () =>
    withFirehose(async (t) => {
      const deAgg = (Parameters: { ParameterName: string; ParameterValue: string }[]) => ({
        ...S3_DESTINATION, ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'RecordDeAggregation', Parameters }] },
      });
      assert.deepEqual(await t.error('CreateDeliveryStream', { DeliveryStreamName: 'd1', ExtendedS3DestinationConfiguration: deAgg([{ ParameterName: 'SubRecordType', ParameterValue: 'DELIMITED' }]) }), {
        status: 400, type: 'InvalidArgumentException', message: 'RecordDeAggregation with SubRecordType DELIMITED needs a base64-encoded, non-empty Delimiter.',
      });
      await t.call('CreateDeliveryStream', { DeliveryStreamName: 'd2', ExtendedS3DestinationConfiguration: deAgg([{ ParameterName: 'SubRecordType', ParameterValue: 'DELIMITED' }, { ParameterName: 'Delimiter', ParameterValue: 'IyMjIw==' }]) });
      const http = (Url: string) => ({ EndpointConfiguration: { Url }, S3Configuration: S3_DESTINATION });
      await t.call('CreateDeliveryStream', { DeliveryStreamName: 'h1', HttpEndpointDestinationConfiguration: http('http://127.0.0.1:9/in') });
      assert.deepEqual(await t.error('CreateDeliveryStream', { DeliveryStreamName: 'h2', HttpEndpointDestinationConfiguration: http('http://') }), {
        status: 400, type: 'InvalidArgumentException', message: 'Invalid HTTP endpoint URL: http://',
      });
      assert.equal((await t.error('CreateDeliveryStream', { DeliveryStreamName: 'h3', HttpEndpointDestinationConfiguration: http('ftp://x/') })).type, 'ValidationException');
    }));

  test('duplicate names, missing or several destinations, half buffering hints, expressions without ErrorOutputPrefix', () =>
    withFirehose(async (t) => {
      await t.call('CreateDeliveryStream', { DeliveryStreamName: 'ds', ExtendedS3DestinationConfiguration: S3_DESTINATION });
      assert.deepEqual(await t.error('CreateDeliveryStream', { DeliveryStreamName: 'ds', ExtendedS3DestinationConfiguration: S3_DESTINATION }), {
        status: 400,
        type: 'ResourceInUseException',
        message: `Firehose ds under accountId ${ACCOUNT} already exists`,
      });
      assert.equal((await t.error('CreateDeliveryStream', { DeliveryStreamName: 'x' })).message, 'Exactly one destination configuration must be specified.');
      assert.equal(
        (await t.error('CreateDeliveryStream', { DeliveryStreamName: 'x', ExtendedS3DestinationConfiguration: S3_DESTINATION, S3DestinationConfiguration: S3_DESTINATION })).type,
        'InvalidArgumentException',
      );
      assert.equal(
        (await t.error('CreateDeliveryStream', { DeliveryStreamName: 'x', ExtendedS3DestinationConfiguration: { ...S3_DESTINATION, BufferingHints: { SizeInMBs: 1 } } })).message,
        'BufferingHints: if you specify SizeInMBs you must also specify IntervalInSeconds, and vice versa.',
      );
      assert.equal(
        (await t.error('CreateDeliveryStream', { DeliveryStreamName: 'x', ExtendedS3DestinationConfiguration: { ...S3_DESTINATION, Prefix: "!{timestamp:yyyy'-'MM}" } })).message,
        'ErrorOutputPrefix cannot be null or empty when Prefix contains expressions or dynamic partitioning is enabled.',
      );
      await t.call('CreateDeliveryStream', { DeliveryStreamName: 'zero', ExtendedS3DestinationConfiguration: { ...S3_DESTINATION, BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } } });
      assert.deepEqual(await t.call('ListDeliveryStreams', {}), { DeliveryStreamNames: ['ds', 'zero'], HasMoreDeliveryStreams: false });
    }));

  test('UpdateDestination checks the version id, merges, and bumps the version', () =>
    withFirehose(async (t) => {
      await t.call('CreateDeliveryStream', { DeliveryStreamName: 'ds', ExtendedS3DestinationConfiguration: { ...S3_DESTINATION, Prefix: 'logs-' } });
      assert.deepEqual(
        await t.error('UpdateDestination', { DeliveryStreamName: 'ds', CurrentDeliveryStreamVersionId: '2', DestinationId: 'destinationId-000000000001', ExtendedS3DestinationUpdate: { CompressionFormat: 'GZIP' } }),
        { status: 400, type: 'ConcurrentModificationException', message: 'Cannot update firehose: ds since the current version id: 1 and specified version id: 2 do not match' },
      );
      t.clock.advance(5000);
      await t.call('UpdateDestination', { DeliveryStreamName: 'ds', CurrentDeliveryStreamVersionId: '1', DestinationId: 'destinationId-000000000001', ExtendedS3DestinationUpdate: { CompressionFormat: 'GZIP' } });
      const d = (await t.call('DescribeDeliveryStream', { DeliveryStreamName: 'ds' })).DeliveryStreamDescription;
      assert.equal(d.VersionId, '2');
      assert.equal(d.LastUpdateTimestamp, 1_700_000_005);
      assert.equal(d.Destinations[0].ExtendedS3DestinationDescription.CompressionFormat, 'GZIP');
      assert.equal(d.Destinations[0].ExtendedS3DestinationDescription.Prefix, 'logs-');
      const def = t.subsystem.registry.require('ds');
      assert.equal(def.destination.format.compression, 'GZIP');
      assert.equal(def.destination.settings.kind === 's3' && def.destination.settings.prefix, 'logs-');
    }));

  test('tags and encryption', () =>
    withFirehose(async (t) => {
      await t.call('CreateDeliveryStream', { DeliveryStreamName: 'ds', ExtendedS3DestinationConfiguration: S3_DESTINATION, Tags: [{ Key: 'b', Value: '2' }] });
      await t.call('TagDeliveryStream', { DeliveryStreamName: 'ds', Tags: [{ Key: 'a', Value: '1' }, { Key: 'c', Value: '3' }] });
      await t.call('UntagDeliveryStream', { DeliveryStreamName: 'ds', TagKeys: ['c', 'zz'] });
      assert.deepEqual(await t.call('ListTagsForDeliveryStream', { DeliveryStreamName: 'ds' }), { Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }], HasMoreTags: false });
      assert.deepEqual(await t.call('ListTagsForDeliveryStream', { DeliveryStreamName: 'ds', Limit: 1 }), { Tags: [{ Key: 'a', Value: '1' }], HasMoreTags: true });
      await t.call('StartDeliveryStreamEncryption', { DeliveryStreamName: 'ds' });
      let d = (await t.call('DescribeDeliveryStream', { DeliveryStreamName: 'ds' })).DeliveryStreamDescription;
      assert.deepEqual(d.DeliveryStreamEncryptionConfiguration, { Status: 'ENABLED', KeyType: 'AWS_OWNED_CMK' });
      assert.deepEqual(await t.call('PutRecord', { DeliveryStreamName: 'ds', Record: { Data: 'eA==' } }).then((r) => r.Encrypted), true);
      await t.call('StopDeliveryStreamEncryption', { DeliveryStreamName: 'ds' });
      d = (await t.call('DescribeDeliveryStream', { DeliveryStreamName: 'ds' })).DeliveryStreamDescription;
      assert.deepEqual(d.DeliveryStreamEncryptionConfiguration, { Status: 'DISABLED' });
    }));
});
