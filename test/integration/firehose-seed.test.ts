// The seed configuration end to end through the AWS CLI: a Kinesis stream as source, 1 MiB / 60 s
// buffering, GZIP, a Lambda transformation adding a field, a yyyy/MM/dd/HH prefix. Records put before
// the delivery stream existed are not delivered (it starts at LATEST); direct puts are refused.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { FirehoseFixture, ROLE, REGION, ACCOUNT } from './support/firehose-fixture.js';
import { AwsCliError } from './support/aws-cli-runner.js';
import { pollUntil } from './support/poll-until.js';
import { suffixPattern } from './support/firehose-records.js';

/** Set while the server parts this file needs have not landed (false once they have). */
const WAITING: string | false = false;

const ADD_FIELD = `export const handler = async (event) => ({
  records: event.records.map((r) => {
    const value = JSON.parse(Buffer.from(r.data, 'base64').toString('utf8'));
    return { recordId: r.recordId, result: 'Ok', data: Buffer.from(JSON.stringify({ ...value, processed: true }) + '\\n').toString('base64') };
  }),
});
`;
/** 11 records of ~100 kB cross 1 MiB, so both the Lambda buffer and the destination buffer flush by size. */
const COUNT = 11;
const PAD = 'x'.repeat(99_980);

describe('Firehose seed configuration (Kinesis source, GZIP, Lambda, time prefix)', { skip: WAITING }, () => {
  let fx: FirehoseFixture;
  before(async () => {
    fx = await FirehoseFixture.start();
  });
  after(async () => {
    await fx.close();
  });

  test('records put after creation arrive transformed in one .gz object under seed/yyyy/MM/dd/HH/', async () => {
    const streamArn = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/seed-src`;
    await fx.cli.json('kinesis', 'create-stream', '--stream-name', 'seed-src', '--shard-count', '1');
    await pollUntil(async () => {
      const d = await fx.cli.json<{ StreamDescriptionSummary: { StreamStatus: string } }>('kinesis', 'describe-stream-summary', '--stream-name', 'seed-src');
      return d!.StreamDescriptionSummary.StreamStatus === 'ACTIVE';
    }, 'seed-src ACTIVE', 10_000, 100);
    await fx.cli.json('kinesis', 'put-record', '--stream-name', 'seed-src', '--partition-key', 'k',
      '--data', Buffer.from('{"before":true}').toString('base64'));
    const lambdaArn = await fx.createFunction('seed-add-field', ADD_FIELD);
    await fx.cli.json(
      'firehose', 'create-delivery-stream', '--delivery-stream-name', 'seed', '--delivery-stream-type', 'KinesisStreamAsSource',
      '--kinesis-stream-source-configuration', JSON.stringify({ KinesisStreamARN: streamArn, RoleARN: ROLE }),
      '--extended-s3-destination-configuration', JSON.stringify({
        BucketARN: 'arn:aws:s3:::seed-bucket',
        RoleARN: ROLE,
        Prefix: 'seed/!{timestamp:yyyy/MM/dd/HH}/',
        ErrorOutputPrefix: 'seed-errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd/HH}/',
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
        CompressionFormat: 'GZIP',
        ProcessingConfiguration: {
          Enabled: true,
          Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: lambdaArn }] }],
        },
      }),
    );
    await fx.waitActive('seed');
    const described = await fx.cli.json<{ DeliveryStreamDescription: { DeliveryStreamType: string; Source: { KinesisStreamSourceDescription: { KinesisStreamARN: string } } } }>(
      'firehose', 'describe-delivery-stream', '--delivery-stream-name', 'seed',
    );
    assert.equal(described!.DeliveryStreamDescription.DeliveryStreamType, 'KinesisStreamAsSource');
    assert.equal(described!.DeliveryStreamDescription.Source.KinesisStreamSourceDescription.KinesisStreamARN, streamArn);

    await assert.rejects(
      fx.cli.json('firehose', 'put-record', '--delivery-stream-name', 'seed', '--record', `Data=${Buffer.from('x').toString('base64')}`),
      (err: unknown) => err instanceof AwsCliError && err.stderr.includes('(InvalidArgumentException)'),
    );

    const sent = Array.from({ length: COUNT }, (_, i) => ({ i, pad: PAD }));
    await fx.kinesis.send(new PutRecordsCommand({
      StreamName: 'seed-src',
      Records: sent.map((v) => ({ PartitionKey: 'k', Data: Buffer.from(JSON.stringify(v)) })),
    }));
    const objects = await fx.waitForObjects('seed-bucket', (o) => o.length >= 1, 'one object in seed-bucket', 30_000);
    assert.equal(objects.length, 1);
    assert.match(objects[0]!.key, new RegExp(`^seed/(\\d{4})/(\\d{2})/(\\d{2})/(\\d{2})/${suffixPattern('seed', '1', '.gz')}$`));
    const got = gunzipSync(objects[0]!.body).toString('utf8').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as unknown);
    assert.deepEqual(got, sent.map((v) => ({ ...v, processed: true })));
  });
});
