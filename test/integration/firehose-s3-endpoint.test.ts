// Firehose S3 destinations on a real S3-compatible server (s3rver) configured through the server's own
// configuration (`--firehose-s3-endpoint` flag, credentials from TRIBUTARY_FIREHOSE_S3_* variables):
// the stored bytes are exactly the records sent, under the default key shape, and nothing lands in the
// directory buckets; a warehouse destination's error output goes to the same endpoint.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { startS3rver, type S3rverProcess } from '../helpers/s3rver-process.js';
import { FirehoseFixture, ROLE, DELIVERY_DEADLINE_MS, defaultKeyPattern } from './support/firehose-fixture.js';
import { pollUntil } from './support/poll-until.js';

describe('Firehose S3 destination on an S3-compatible endpoint from the server configuration', () => {
  let s3: S3rverProcess;
  let reader: S3Client;
  let fx: FirehoseFixture;

  before(async () => {
    s3 = await startS3rver();
    reader = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: s3.credentials });
    for (const bucket of ['fh-s3-data', 'fh-s3-errors']) await reader.send(new CreateBucketCommand({ Bucket: bucket }));
    fx = await FirehoseFixture.start({
      args: ['--firehose-s3-endpoint', s3.endpoint],
      env: { TRIBUTARY_FIREHOSE_S3_ACCESS_KEY_ID: s3.credentials.accessKeyId, TRIBUTARY_FIREHOSE_S3_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey },
    });
  });
  after(async () => {
    await fx?.close();
    reader?.destroy();
    await s3?.stop();
  });

  /** key → body of every object in `bucket`, once `count` objects are there. */
  async function objects(bucket: string, count: number, prefix = ''): Promise<Map<string, Buffer>> {
    const keys = await pollUntil(async () => {
      const listed = await reader.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
      const found = (listed.Contents ?? []).map((o) => o.Key!);
      return found.length >= count ? found : undefined;
    }, `${count} objects in ${bucket}/${prefix}`, DELIVERY_DEADLINE_MS, 100);
    const out = new Map<string, Buffer>();
    for (const key of keys) {
      const got = await reader.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      out.set(key, Buffer.from(await got.Body!.transformToByteArray()));
    }
    return out;
  }

  test('ExtendedS3: one object with exactly the bytes sent, default key, nothing in the directory buckets', async () => {
    await fx.createDeliveryStream({
      DeliveryStreamName: 'fh-s3',
      ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::fh-s3-data', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } },
    });
    // Bytes that aws-chunked framing or a text re-encoding would change: CR/LF, NUL, invalid UTF-8, 64 KiB.
    const data = [Buffer.from('{"a":1}\r\n'), Buffer.from([0, 0xff, 0xfe, 0x0d, 0x0a]), Buffer.alloc(65_536, 0x5a)];
    const put = await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'fh-s3', Records: data.map((Data) => ({ Data })) }));
    assert.equal(put.FailedPutCount, 0);
    const stored = await objects('fh-s3-data', 1);
    assert.equal(stored.size, 1);
    const [key, body] = [...stored][0]!;
    assert.match(key, defaultKeyPattern('fh-s3', '1'));
    assert.ok(body.equals(Buffer.concat(data)), 'stored bytes are exactly the concatenated records');
    assert.equal(existsSync(join(fx.server.dataDir, 'buckets')), false);
  });

  test("a warehouse destination's error output (failed transformation) lands on the endpoint", async () => {
    const fn = await fx.createFunction(
      'fh-s3-transform',
      `export const handler = async (event) => ({ records: event.records.map((r) => ({ recordId: r.recordId, result: 'ProcessingFailed', data: r.data })) });`,
    );
    await fx.createDeliveryStream({
      DeliveryStreamName: 'fh-s3-wh',
      RedshiftDestinationConfiguration: {
        RoleARN: ROLE,
        ClusterJDBCURL: 'jdbc:duckdb:fh-s3-wh.duckdb',
        CopyCommand: { DataTableName: 'never_filled' },
        S3Configuration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::fh-s3-errors', ErrorOutputPrefix: 'failed/!{firehose:error-output-type}/', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } },
        ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: fn }] }] },
      },
    });
    const put = await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'fh-s3-wh', Records: [{ Data: Buffer.from('{"x":1}') }] }));
    const stored = await objects('fh-s3-errors', 1, 'failed/');
    const [key, body] = [...stored][0]!;
    assert.match(key, /^failed\/processing-failed\/fh-s3-wh-1-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-[0-9a-f-]{36}$/);
    const docs = body.toString('utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(docs.length, 1);
    assert.equal(docs[0]!.rawData, Buffer.from('{"x":1}').toString('base64'));
    assert.equal(docs[0]!.errorCode, 'Lambda.ProcessingFailed');
    assert.ok(put.RequestResponses![0]!.RecordId);
    assert.equal(existsSync(join(fx.server.dataDir, 'buckets')), false);
  });
});
