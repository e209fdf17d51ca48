import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeliveryRunner } from '../../../src/delivery/firehose-subsystem.js';
import type { DeliverySource, SourceBatch } from '../../../src/delivery/pipeline/delivery-source.js';
import { S3_DESTINATION, withFirehose } from './firehose-target.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A runner that hands each started source to the test. */
function recordingRunner(sources: Map<string, AsyncIterator<SourceBatch>>): () => DeliveryRunner {
  return () => ({
    start(stream, source: DeliverySource) {
      sources.set(stream.name, source[Symbol.asyncIterator]());
    },
    async stop() {},
    async discard() {},
    async close() {},
  });
}

describe('PutRecord and PutRecordBatch', () => {
  test('records get distinct ids, one response per record in order', () =>
    withFirehose(async (t) => {
      await t.call('CreateDeliveryStream', { DeliveryStreamName: 'ds', ExtendedS3DestinationConfiguration: S3_DESTINATION });
      const one = await t.call('PutRecord', { DeliveryStreamName: 'ds', Record: { Data: b64('a') } });
      assert.deepEqual(Object.keys(one), ['RecordId', 'Encrypted']);
      assert.equal(one.Encrypted, false);
      const batch = await t.call('PutRecordBatch', { DeliveryStreamName: 'ds', Records: Array.from({ length: 500 }, (_, i) => ({ Data: b64(`r${i}`) })) });
      assert.equal(batch.FailedPutCount, 0);
      assert.equal(batch.RequestResponses.length, 500);
      const ids = new Set([one.RecordId, ...batch.RequestResponses.map((r: { RecordId: string }) => r.RecordId)]);
      assert.equal(ids.size, 501);
      const empty = await t.call('PutRecord', { DeliveryStreamName: 'ds', Record: { Data: '' } });
      assert.equal(typeof empty.RecordId, 'string');
    }));

  test('limits: 501 records, more than 4 MiB, unknown stream, a Kinesis-sourced stream', () =>
    withFirehose(async (t) => {
      await t.call('CreateDeliveryStream', { DeliveryStreamName: 'ds', ExtendedS3DestinationConfiguration: S3_DESTINATION });
      // FIREHOSE.md §3: InvalidArgumentException (Tributary's model drops the list's max so the operation answers; decision 0010).
      assert.deepEqual(await t.error('PutRecordBatch', { DeliveryStreamName: 'ds', Records: Array.from({ length: 501 }, () => ({ Data: b64('x') })) }), {
        status: 400,
        type: 'InvalidArgumentException',
        message: 'Records size exceeds limits: 501 records (at most 500) of 501 bytes (at most 4194304 bytes) in total.',
      });
      const big = b64('x'.repeat(1_000_000));
      assert.deepEqual(await t.error('PutRecordBatch', { DeliveryStreamName: 'ds', Records: Array.from({ length: 5 }, () => ({ Data: big })) }), {
        status: 400,
        type: 'InvalidArgumentException',
        message: 'Records size exceeds limits: 5 records (at most 500) of 5000000 bytes (at most 4194304 bytes) in total.',
      });
      assert.equal((await t.error('PutRecord', { DeliveryStreamName: 'nope', Record: { Data: b64('x') } })).type, 'ResourceNotFoundException');
    }));

  test('DirectPut source: yields put records, checkpoints acknowledged batches only, redelivers the rest after a restart', async () => {
    const sources = new Map<string, AsyncIterator<SourceBatch>>();
    await withFirehose(async (t) => {
      await t.call('CreateDeliveryStream', { DeliveryStreamName: 'ds', ExtendedS3DestinationConfiguration: S3_DESTINATION });
      const pending = sources.get('ds')!.next();
      await t.call('PutRecordBatch', { DeliveryStreamName: 'ds', Records: [{ Data: b64('a') }, { Data: b64('b') }] });
      const first = (await pending).value as SourceBatch;
      assert.deepEqual(first.records.map((r) => r.data.toString()), ['a', 'b']);
      assert.equal(first.records[0]!.approximateArrivalTimestamp, 1_700_000_000_000);
      await first.ack();
      await t.call('PutRecord', { DeliveryStreamName: 'ds', Record: { Data: b64('c') } });
      const second = (await sources.get('ds')!.next()).value as SourceBatch;
      assert.deepEqual(second.records.map((r) => r.data.toString()), ['c']);
      await t.restart();
      const again = (await sources.get('ds')!.next()).value as SourceBatch;
      assert.deepEqual(again.records.map((r) => r.data.toString()), ['c']);
      assert.equal(again.records[0]!.recordId, second.records[0]!.recordId);
    }, recordingRunner(sources));
  });
});
