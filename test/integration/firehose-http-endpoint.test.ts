// Direct PUT to an HTTP endpoint destination (http:// allowed locally): Firehose's request format
// (headers, access key, common attributes, base64 records), a failing endpoint retried with the same
// request id until it recovers with nothing lost, and 413 not retried.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { FirehoseFixture, ROLE } from './support/firehose-fixture.js';
import { FirehoseEndpoint } from './support/firehose-endpoint.js';
import { pollUntil } from './support/poll-until.js';

/** Set while the server parts this file needs have not landed (false once they have). */
const WAITING: string | false = "waiting for http:// endpoint URLs to be accepted (the model's Url pattern https://.* still rejects them; FIREHOSE.md §11 local deviation)";

describe('Firehose HTTP endpoint destination', { skip: WAITING }, () => {
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

  async function create(name: string, contentEncoding: 'NONE' | 'GZIP'): Promise<string> {
    return fx.createDeliveryStream({
      DeliveryStreamName: name,
      DeliveryStreamType: 'DirectPut',
      HttpEndpointDestinationConfiguration: {
        EndpointConfiguration: { Url: ep.url, Name: 'local', AccessKey: 'my-access-key' },
        RequestConfiguration: { ContentEncoding: contentEncoding, CommonAttributes: [{ AttributeName: 'env', AttributeValue: 'test' }] },
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
        RetryOptions: { DurationInSeconds: 300 },
        S3BackupMode: 'FailedDataOnly',
        S3Configuration: { BucketARN: `arn:aws:s3:::${name}-backup`, RoleARN: ROLE },
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

  test('413 is not retried', async () => {
    await create('he-413', 'NONE');
    const before = ep.requests.length;
    ep.script.push(413);
    await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'he-413', Records: [{ Data: Buffer.from('too big') }] }));
    await pollUntil(async () => ep.requests.length > before, 'the first delivery attempt', 20_000);
    await sleep(2500); // longer than the first retry backoff (1 s ± 15 %): a retry would have arrived
    assert.deepEqual(ep.requests.slice(before).map((r) => r.status), [413]);
  });
});
