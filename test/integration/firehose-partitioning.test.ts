// Dynamic partitioning by a tenant field (jq MetadataExtraction + partitionKeyFromQuery): one object
// stream per tenant under its own prefix, newline-delimited, and a non-JSON record under the error prefix.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { FirehoseFixture, ROLE } from './support/firehose-fixture.js';
import { byDelivery, errorDocuments, lines, suffixPattern } from './support/firehose-records.js';

/** Set while the server parts this file needs have not landed (false once they have). */
const WAITING: string | false = false;

describe('Firehose dynamic partitioning', { skip: WAITING }, () => {
  let fx: FirehoseFixture;
  before(async () => {
    fx = await FirehoseFixture.start();
  });
  after(async () => {
    await fx.close();
  });

  test('records land under tenant=<tenant>/; a non-JSON record goes to the error prefix', async () => {
    await fx.createDeliveryStream({
      DeliveryStreamName: 'dyn',
      ExtendedS3DestinationConfiguration: {
        BucketARN: 'arn:aws:s3:::dyn-bucket',
        RoleARN: ROLE,
        Prefix: 'tenant=!{partitionKeyFromQuery:tenant}/',
        ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/',
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
        DynamicPartitioningConfiguration: { Enabled: true, RetryOptions: { DurationInSeconds: 300 } },
        ProcessingConfiguration: {
          Enabled: true,
          Processors: [
            { Type: 'MetadataExtraction', Parameters: [
              { ParameterName: 'MetadataExtractionQuery', ParameterValue: '{tenant:.tenant}' },
              { ParameterName: 'JsonParsingEngine', ParameterValue: 'JQ-1.6' },
            ] },
            { Type: 'AppendDelimiterToRecord' },
          ],
        },
      },
    });
    const records = ['{"tenant":"a","n":1}', '{"tenant":"b","n":2}', '{"tenant":"a","n":3}', 'not json', '{"tenant":"b","n":4}', '{"tenant":"a","n":5}'];
    await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'dyn', Records: records.map((r) => ({ Data: Buffer.from(r) })) }));
    const objects = await fx.waitForObjects('dyn-bucket', (o) => lines(o).length >= 6, 'six lines in dyn-bucket');
    const a = byDelivery(objects.filter((o) => o.key.startsWith('tenant=a/')));
    const b = byDelivery(objects.filter((o) => o.key.startsWith('tenant=b/')));
    const errors = objects.filter((o) => o.key.startsWith('errors/'));
    assert.equal(a.length + b.length + errors.length, objects.length, `unexpected keys: ${objects.map((o) => o.key).join(', ')}`);
    for (const o of a) assert.match(o.key, new RegExp(`^tenant=a/${suffixPattern('dyn', '1')}$`));
    for (const o of b) assert.match(o.key, new RegExp(`^tenant=b/${suffixPattern('dyn', '1')}$`));
    assert.deepEqual(lines(a), ['{"tenant":"a","n":1}', '{"tenant":"a","n":3}', '{"tenant":"a","n":5}']);
    assert.deepEqual(lines(b), ['{"tenant":"b","n":2}', '{"tenant":"b","n":4}']);
    for (const o of errors) assert.match(o.key, new RegExp(`^errors/[a-z-]+/(\\d{4}/\\d{2}/\\d{2}/\\d{2}/)?${suffixPattern('dyn', '1')}$`));
    const docs = errorDocuments(errors);
    assert.equal(docs.length, 1);
    assert.equal(docs[0]!.rawData, Buffer.from('not json').toString('base64'));
  });
});
