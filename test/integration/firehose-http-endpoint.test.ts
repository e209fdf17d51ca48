// Direct PUT to an HTTP endpoint destination (http:// allowed locally): Firehose's request format
// (headers, access key, common attributes, base64 records), a failing endpoint retried with the same
// request id until it recovers with nothing lost, backed up under http-endpoint-failed once the retry
// duration has passed (and still retried), and 413 not retried but landed in the backup.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { FirehoseFixture, ROLE } from './support/firehose-fixture.js';
import { FirehoseEndpoint } from './support/firehose-endpoint.js';
import { pollUntil } from './support/poll-until.js';

describe('Firehose HTTP endpoint destination', () => {
  let fx: FirehoseFixture;
  let ep: FirehoseEndpoint;
  before(async () => {
    fx = await FirehoseFixture.start();
    ep = await FirehoseEndpoint.start();
  });
  after(async () => {
    await fx.close();
    await ep.close();
  });

  async function create(name: string, contentEncoding: 'NONE' | 'GZIP', retrySeconds = 300): Promise<string> {
    return fx.createDeliveryStream({
      DeliveryStreamName: name,
      DeliveryStreamType: 'DirectPut',
      HttpEndpointDestinationConfiguration: {
        EndpointConfiguration: { Url: ep.url, Name: 'local', AccessKey: 'my-access-key' },
        RequestConfiguration: { ContentEncoding: contentEncoding, CommonAttributes: [{ AttributeName: 'env', AttributeValue: 'test' }] },
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
        RetryOptions: { DurationInSeconds: retrySeconds },
        S3BackupMode: 'FailedDataOnly',
        S3Configuration: { BucketARN: `arn:aws:s3:::${name}-backup`, RoleARN: ROLE, ErrorOutputPrefix: 'failed/!{firehose:error-output-type}/' },
      },
    });
  }

  test('request format: headers, access key, common attributes, base64 records', async () => {
    const arn = await create('he-format', 'GZIP');
    const before = ep.requests.length;
    await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'he-format', Records: [{ Data: Buffer.from('one') }, { Data: Buffer.from('') }, { Data: Buffer.from('three') }] }));
    await pollUntil(async () => ep.requests.slice(before).flatMap((r) => r.body.records).length >= 3, 'three records at the endpoint', 20_000);
    const mine = ep.requests.slice(before);
    const req = mine[0]!;
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(req.headers['content-encoding'], 'gzip');
    assert.equal(req.headers['x-amz-firehose-protocol-version'], '1.0');
    assert.equal(req.headers['x-amz-firehose-source-arn'], arn);
    assert.equal(req.headers['x-amz-firehose-access-key'], 'my-access-key');
    assert.equal(req.headers['x-amz-firehose-common-attributes'], '{"commonAttributes":{"env":"test"}}');
    assert.match(String(req.headers['x-amz-firehose-request-id']), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(req.body.requestId, req.headers['x-amz-firehose-request-id']);
    assert.equal(typeof req.body.timestamp, 'number');
    assert.deepEqual(mine.flatMap((r) => r.body.records), [{ data: 'b25l' }, { data: '' }, { data: 'dGhyZWU=' }]);
  });

  test('endpoint failing (500, 500) then recovering: same request id each time, nothing lost', async () => {
    await create('he-retry', 'NONE');
    const before = ep.requests.length;
    ep.script.push(500, 500);
    const sent = Array.from({ length: 20 }, (_, i) => `r${i}`);
    await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'he-retry', Records: sent.map((s) => ({ Data: Buffer.from(s) })) }));
    await pollUntil(async () => ep.requests.slice(before).filter((r) => r.status === 200).flatMap((r) => r.body.records).length >= 20, 'all 20 records acknowledged', 30_000);
    const mine = ep.requests.slice(before);
    assert.deepEqual(mine.slice(0, 3).map((r) => r.status), [500, 500, 200]);
    const ids = mine.slice(0, 3).map((r) => r.headers['x-amz-firehose-request-id']);
    assert.equal(new Set(ids).size, 1, 'the retried batch keeps its request id');
    const delivered = mine.filter((r) => r.status === 200).flatMap((r) => r.body.records.map((x) => Buffer.from(x.data, 'base64').toString()));
    assert.deepEqual(delivered, sent);
  });

  test('RetryOptions.DurationInSeconds 0: the failing batch is backed up under http-endpoint-failed and still retried', async () => {
    const arn = await create('he-backup', 'NONE', 0);
    const before = ep.requests.length;
    ep.script.push(503, 503);
    await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'he-backup', Records: [{ Data: Buffer.from('kept') }, { Data: Buffer.from('safe') }] }));
    const backups = await fx.waitForObjects('he-backup-backup', (objects) => objects.length === 1, 'the backup object');
    assert.match(backups[0]!.key, /^failed\/http-endpoint-failed\/he-backup-1-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-[0-9a-f-]{36}$/);
    const docs = backups[0]!.body.toString().trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(docs.map((d) => [d.attemptsMade, d.errorCode, d.errorMessage, Buffer.from(String(d.rawData), 'base64').toString(), d.subsequenceNumber]), [
      [1, 'HttpEndpoint.DestinationException', 'Received the following response from the endpoint destination. 503: scripted 503', 'kept', 0],
      [1, 'HttpEndpoint.DestinationException', 'Received the following response from the endpoint destination. 503: scripted 503', 'safe', 0],
    ]);
    await pollUntil(async () => ep.delivered().includes('safe'), 'the batch delivered after the endpoint recovers', 20_000);
    const mine = ep.requests.slice(before);
    assert.deepEqual(mine.map((r) => r.status), [503, 503, 200]);
    assert.equal(mine[2]!.headers['x-amz-firehose-source-arn'], arn);
    assert.deepEqual(mine[2]!.body.records.map((r) => Buffer.from(r.data, 'base64').toString()), ['kept', 'safe']);
    assert.equal((await fx.objects('he-backup-backup')).length, 1, 'backed up once, not on every retry');
  });

  test('413 is not retried; the batch goes to the backup under http-endpoint-failed', async () => {
    await create('he-413', 'NONE');
    const before = ep.requests.length;
    ep.script.push(413);
    await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'he-413', Records: [{ Data: Buffer.from('too big') }] }));
    const backups = await fx.waitForObjects('he-413-backup', (objects) => objects.length === 1, 'the backup of the refused batch');
    assert.match(backups[0]!.key, /^failed\/http-endpoint-failed\/he-413-1-/);
    const doc = JSON.parse(backups[0]!.body.toString()) as Record<string, unknown>;
    assert.equal(doc.errorCode, 'HttpEndpoint.DestinationException');
    assert.equal(doc.errorMessage, 'Received the following response from the endpoint destination. 413: scripted 413');
    assert.equal(Buffer.from(String(doc.rawData), 'base64').toString(), 'too big');
    await sleep(2500); // longer than the first retry backoff (1 s): a retry would have arrived
    assert.deepEqual(ep.requests.slice(before).map((r) => r.status), [413]);
  });
});
