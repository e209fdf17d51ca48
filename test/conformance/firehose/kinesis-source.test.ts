import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeliveryRunner } from '../../../src/delivery/firehose-subsystem.js';
import type { SourceBatch } from '../../../src/delivery/pipeline/delivery-source.js';
import { ACCOUNT, S3_DESTINATION, withFirehose } from './firehose-target.js';

const STREAM_ARN = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/src`;
const SOURCE = { KinesisStreamARN: STREAM_ARN, RoleARN: 'arn:aws:iam::000000000000:role/r' };

function recordingRunner(sources: Map<string, AsyncIterator<SourceBatch>>): () => DeliveryRunner {
  return () => ({
    start(stream, source) {
      sources.set(stream.name, source[Symbol.asyncIterator]());
    },
    async stop() {},
    async discard() {},
    async close() {},
  });
}

describe('KinesisStreamAsSource', () => {
  test('starts at LATEST, carries Kinesis metadata, checkpoints acknowledged batches, refuses direct puts', async () => {
    const sources = new Map<string, AsyncIterator<SourceBatch>>();
    await withFirehose(async (t) => {
      await t.streams.create({ name: 'src', mode: 'PROVISIONED', shardCount: 1 });
      const put = (data: string) => t.records.putRecord({ streamName: 'src' }, { partitionKey: 'pk', data: Buffer.from(data) });
      await put('before');
      assert.equal((await t.error('CreateDeliveryStream', {
        DeliveryStreamName: 'ks', DeliveryStreamType: 'KinesisStreamAsSource',
        KinesisStreamSourceConfiguration: { ...SOURCE, KinesisStreamARN: `${STREAM_ARN}-nope` }, ExtendedS3DestinationConfiguration: S3_DESTINATION,
      })).message, `Kinesis stream ${STREAM_ARN}-nope does not exist or is not ACTIVE.`);
      await t.call('CreateDeliveryStream', { DeliveryStreamName: 'ks', DeliveryStreamType: 'KinesisStreamAsSource', KinesisStreamSourceConfiguration: SOURCE, ExtendedS3DestinationConfiguration: S3_DESTINATION });
      const d = (await t.call('DescribeDeliveryStream', { DeliveryStreamName: 'ks' })).DeliveryStreamDescription;
      assert.equal(d.DeliveryStreamType, 'KinesisStreamAsSource');
      assert.deepEqual(d.Source, { KinesisStreamSourceDescription: { ...SOURCE, DeliveryStartTimestamp: 1_700_000_000 } });
      assert.deepEqual(await t.error('PutRecord', { DeliveryStreamName: 'ks', Record: { Data: 'eA==' } }), {
        status: 400, type: 'InvalidArgumentException', message: 'This operation is not permitted on KinesisStreamAsSource delivery stream type.',
      });
      const { sequenceNumber, shardId } = await put('after1');
      const first = (await sources.get('ks')!.next()).value as SourceBatch;
      assert.deepEqual(first.records.map((r) => r.data.toString()), ['after1']);
      assert.deepEqual(first.records[0]!.kinesis, { shardId, partitionKey: 'pk', sequenceNumber, subsequenceNumber: 0, approximateArrivalTimestamp: 1_700_000_000_000 });
      assert.equal(first.records[0]!.recordId, `src/${shardId}/${sequenceNumber}`);
      await first.ack();
      await put('after2');
      const second = (await sources.get('ks')!.next()).value as SourceBatch;
      assert.deepEqual(second.records.map((r) => r.data.toString()), ['after2']);
      await t.restart();
      const again = (await sources.get('ks')!.next()).value as SourceBatch;
      assert.deepEqual(again.records.map((r) => r.data.toString()), ['after2']);
    }, recordingRunner(sources));
  });
});
