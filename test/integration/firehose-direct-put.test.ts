// Direct PUT to a delivery stream whose S3 destination has no endpoint (the file-system bucket), through
// SDK v3 and the AWS CLI: one object per size-triggered buffer holding the exact byte concatenation of
// the records, under the default yyyy/MM/dd/HH/ prefix and the default file name; batch limits.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { PutRecordCommand, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { FirehoseFixture, ROLE, defaultKeyPattern } from './support/firehose-fixture.js';

/** Set while the server parts this file needs have not landed (false once they have). */
const WAITING: string | false = false;

/** Two of these (≤ 1,000 KiB each) cross a 1 MiB buffer, so the flush is by size, not by time. */
const BIG = 600_000;

describe('Firehose Direct PUT to a file-system bucket', () => {
  let fx: FirehoseFixture;
  before(async () => {
    fx = await FirehoseFixture.start();
  });
  after(async () => {
    await fx.close();
  });

  test('10 PutRecord calls then a size-triggered flush: one object, exact concatenation, default key', { skip: WAITING }, async () => {
    await fx.createDeliveryStream({
      DeliveryStreamName: 'dp-plain',
      DeliveryStreamType: 'DirectPut',
      ExtendedS3DestinationConfiguration: {
        BucketARN: 'arn:aws:s3:::dp-plain-bucket',
        RoleARN: ROLE,
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 900 },
      },
    });
    const parts: Buffer[] = [];
    const ids = new Set<string>();
    for (let i = 0; i < 10; i++) parts.push(Buffer.from(`record-${i};`));
    parts.push(Buffer.alloc(BIG, 'a'), Buffer.alloc(BIG, 'b'));
    for (const data of parts) {
      const out = await fx.firehose.send(new PutRecordCommand({ DeliveryStreamName: 'dp-plain', Record: { Data: data } }));
      assert.equal(out.Encrypted, false);
      assert.equal(typeof out.RecordId, 'string');
      ids.add(out.RecordId!);
    }
    assert.equal(ids.size, 12);
    const objects = await fx.waitForObjects('dp-plain-bucket', (o) => o.length >= 1, 'one object in dp-plain-bucket');
    assert.equal(objects.length, 1);
    assert.match(objects[0]!.key, defaultKeyPattern('dp-plain', '1'));
    assert.ok(objects[0]!.body.equals(Buffer.concat(parts)), 'object body is the byte concatenation of the records');
  });

  test('PutRecordBatch: 501 records rejected whole; 500 records give 500 ordered responses', async () => {
    await fx.createDeliveryStream({
      DeliveryStreamName: 'dp-batch',
      ExtendedS3DestinationConfiguration: { BucketARN: 'arn:aws:s3:::dp-batch-bucket', RoleARN: ROLE },
    });
    const records = (n: number) => Array.from({ length: n }, (_, i) => ({ Data: Buffer.from(String(i)) }));
    await assert.rejects(
      fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'dp-batch', Records: records(501) })),
      // FIREHOSE.md §3 (and the operation's documented errors): InvalidArgumentException for the whole call.
      (err: Error) => {
        assert.equal(err.name, 'InvalidArgumentException');
        assert.equal(err.message, 'Records size exceeds limits: 501 records (at most 500) of 1393 bytes (at most 4194304 bytes) in total.');
        return true;
      },
    );
    const out = await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'dp-batch', Records: records(500) }));
    assert.equal(out.FailedPutCount, 0);
    assert.equal(out.Encrypted, false);
    assert.equal(out.RequestResponses!.length, 500);
    assert.equal(new Set(out.RequestResponses!.map((r) => r.RecordId)).size, 500);
    assert.ok(out.RequestResponses!.every((r) => typeof r.RecordId === 'string' && r.ErrorCode === undefined));
  });

  test('AWS CLI: create with GZIP and 1 MiB/60 s, put-record, size flush gives one .gz object', { skip: WAITING }, async () => {
    await fx.cli.json(
      'firehose', 'create-delivery-stream', '--delivery-stream-name', 'dp-cli', '--delivery-stream-type', 'DirectPut',
      '--extended-s3-destination-configuration',
      JSON.stringify({
        BucketARN: 'arn:aws:s3:::dp-cli-bucket',
        RoleARN: ROLE,
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
        CompressionFormat: 'GZIP',
      }),
    );
    await fx.waitActive('dp-cli');
    const first = Buffer.from('{"via":"cli"}');
    const put = await fx.cli.json<{ RecordId: string; Encrypted: boolean }>(
      'firehose', 'put-record', '--delivery-stream-name', 'dp-cli', '--record', `Data=${first.toString('base64')}`,
    );
    assert.equal(typeof put!.RecordId, 'string');
    const big = [Buffer.alloc(BIG, 'c'), Buffer.alloc(BIG, 'd')];
    await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'dp-cli', Records: big.map((Data) => ({ Data })) }));
    const objects = await fx.waitForObjects('dp-cli-bucket', (o) => o.length >= 1, 'one object in dp-cli-bucket');
    assert.equal(objects.length, 1);
    assert.match(objects[0]!.key, defaultKeyPattern('dp-cli', '1', '.gz'));
    assert.ok(gunzipSync(objects[0]!.body).equals(Buffer.concat([first, ...big])), 'gunzipped body is the concatenation');
    const described = await fx.cli.json<{ DeliveryStreamDescription: { DeliveryStreamStatus: string; VersionId: string; DeliveryStreamType: string } }>(
      'firehose', 'describe-delivery-stream', '--delivery-stream-name', 'dp-cli',
    );
    assert.equal(described!.DeliveryStreamDescription.DeliveryStreamStatus, 'ACTIVE');
    assert.equal(described!.DeliveryStreamDescription.VersionId, '1');
    assert.equal(described!.DeliveryStreamDescription.DeliveryStreamType, 'DirectPut');
  });
});
