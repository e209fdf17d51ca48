// Lambda transformation through a real Tributary function: Ok records transformed (a field added),
// Dropped records gone, ProcessingFailed records written under the error prefix with their original
// data, and a throwing function retried then every record of the batch sent to the error prefix.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { FirehoseFixture, ROLE } from './support/firehose-fixture.js';
import { errorDocuments, lines, suffixPattern } from './support/firehose-records.js';

/** Set while the server parts this file needs have not landed (false once they have). */
const WAITING: string | false = false;

const TRANSFORM = `export const handler = async (event) => ({
  records: event.records.map((r) => {
    const text = Buffer.from(r.data, 'base64').toString('utf8');
    if (text === 'drop') return { recordId: r.recordId, result: 'Dropped' };
    if (text === 'fail') return { recordId: r.recordId, result: 'ProcessingFailed', data: r.data };
    const value = JSON.parse(text);
    value.transformed = true;
    return { recordId: r.recordId, result: 'Ok', data: Buffer.from(JSON.stringify(value) + '\\n').toString('base64') };
  }),
});
`;
const THROWS = `export const handler = async () => { throw new Error('transformer is broken'); };\n`;

describe('Firehose Lambda transformation', { skip: WAITING }, () => {
  let fx: FirehoseFixture;
  before(async () => {
    fx = await FirehoseFixture.start();
  });
  after(async () => {
    await fx.close();
  });

  async function create(name: string, lambdaArn: string, retries: string): Promise<void> {
    await fx.createDeliveryStream({
      DeliveryStreamName: name,
      ExtendedS3DestinationConfiguration: {
        BucketARN: `arn:aws:s3:::${name}-bucket`,
        RoleARN: ROLE,
        Prefix: 'ok/',
        ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/',
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
        ProcessingConfiguration: {
          Enabled: true,
          Processors: [{
            Type: 'Lambda',
            Parameters: [
              { ParameterName: 'LambdaArn', ParameterValue: lambdaArn },
              { ParameterName: 'NumberOfRetries', ParameterValue: retries },
              { ParameterName: 'BufferSizeInMBs', ParameterValue: '1' },
              { ParameterName: 'BufferIntervalInSeconds', ParameterValue: '0' },
            ],
          }],
        },
      },
    });
  }

  test('Ok / Dropped / ProcessingFailed: one record delivered, one error document with the original data', async () => {
    const arn = await fx.createFunction('fh-transform', TRANSFORM);
    await create('tf-mixed', arn, '0');
    await fx.firehose.send(new PutRecordBatchCommand({
      DeliveryStreamName: 'tf-mixed',
      Records: [{ Data: Buffer.from('{"id":1}') }, { Data: Buffer.from('drop') }, { Data: Buffer.from('fail') }],
    }));
    const objects = await fx.waitForObjects('tf-mixed-bucket', (o) => o.some((x) => x.key.startsWith('ok/')) && o.some((x) => x.key.startsWith('errors/')), 'delivered and error objects');
    const ok = objects.filter((o) => o.key.startsWith('ok/'));
    const failed = objects.filter((o) => o.key.startsWith('errors/'));
    assert.equal(ok.length + failed.length, objects.length);
    for (const o of ok) assert.match(o.key, new RegExp(`^ok/\\d{4}/\\d{2}/\\d{2}/\\d{2}/${suffixPattern('tf-mixed', '1')}$`));
    assert.deepEqual(lines(ok), ['{"id":1,"transformed":true}']);
    for (const o of failed) assert.match(o.key, new RegExp(`^errors/processing-failed/(\\d{4}/\\d{2}/\\d{2}/\\d{2}/)?${suffixPattern('tf-mixed', '1')}$`));
    const docs = errorDocuments(failed);
    assert.equal(docs.length, 1);
    assert.equal(docs[0]!.rawData, Buffer.from('fail').toString('base64'));
    assert.equal(docs[0]!.lambdaArn, arn);
    assert.equal(typeof docs[0]!.errorCode, 'string');
    assert.equal(typeof docs[0]!.arrivalTimestamp, 'number');
    assert.equal(typeof docs[0]!.attemptEndingTimestamp, 'number');
  });

  test('a throwing function is retried NumberOfRetries times, then every record goes to processing-failed', async () => {
    const arn = await fx.createFunction('fh-throws', THROWS);
    await create('tf-throws', arn, '1');
    const sent = ['{"n":1}', '{"n":2}', '{"n":3}'];
    await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'tf-throws', Records: sent.map((s) => ({ Data: Buffer.from(s) })) }));
    const objects = await fx.waitForObjects('tf-throws-bucket', (o) => errorDocuments(o.filter((x) => x.key.startsWith('errors/'))).length >= 3, 'three error documents', 30_000);
    assert.equal(objects.filter((o) => o.key.startsWith('ok/')).length, 0);
    const docs = errorDocuments(objects.filter((o) => o.key.startsWith('errors/processing-failed/')));
    assert.deepEqual(docs.map((d) => Buffer.from(d.rawData, 'base64').toString()).sort(), sent);
    assert.deepEqual(docs.map((d) => d.attemptsMade), [2, 2, 2]);
    assert.deepEqual(docs.map((d) => d.errorCode), ['Lambda.FunctionError', 'Lambda.FunctionError', 'Lambda.FunctionError']);
  });
});
