// The console's delivery-stream endpoints against a real server: a Direct PUT stream to a file bucket
// shows its exact buffered bytes before the flush, then the delivered object (the key the bucket
// holds, records, bytes); a bucket that cannot be written shows failed attempts with their error,
// and the delivery that finally lands shows how many attempts it took.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PutRecordBatchCommand, PutRecordCommand } from '@aws-sdk/client-firehose';
import { FirehoseFixture, ROLE, defaultKeyPattern } from './support/firehose-fixture.js';
import { pollUntil } from './support/poll-until.js';

interface Entry { role: string; key: string; records: number; bytes: number; attempts: number; atMs: number }
interface Failure { errorType: string; message: string; key: string; records: number; attempts: number }
interface View {
  name: string; status: string;
  source: { kind: string };
  destination: { kind: string; target: string; prefix: string | null; compression: string };
  bufferingHints: { sizeInMBs: number; intervalInSeconds: number };
  bufferedBytes: number; bufferLimitBytes: number; bufferFill: number; dataFreshnessMs: number; spooledBytes: number;
  totals: { deliveries: number; deliveredRecords: number; deliveredBytes: number; failedAttempts: number };
  window: { incomingRecords: number; incomingBytes: number; deliveredRecords: number; deliveredBytes: number };
  delivered: Entry[]; failures: Failure[];
}

const SMALL = ['alpha;', 'beta;', 'gamma;'];
const BIG = 1024 * 1024;
/** Under the 1,000 KiB record limit; two of them cross a 1 MiB buffer. */
const HALF = 600_000;

describe('console API: delivery streams on a real server', () => {
  let fx: FirehoseFixture;
  before(async () => {
    fx = await FirehoseFixture.start();
  });
  after(async () => {
    await fx.close();
  });

  async function view(name: string): Promise<View> {
    const res = await fetch(`${fx.server.url}/console/api/delivery-streams/${name}`);
    assert.equal(res.status, 200);
    return (await res.json()) as View;
  }

  test('buffered bytes before the size flush, then the delivered object with its key, records and bytes', async () => {
    await fx.createDeliveryStream({
      DeliveryStreamName: 'cd-files',
      DeliveryStreamType: 'DirectPut',
      ExtendedS3DestinationConfiguration: { BucketARN: 'arn:aws:s3:::cd-bucket', RoleARN: ROLE, BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 900 } },
    });
    for (const data of SMALL) await fx.firehose.send(new PutRecordCommand({ DeliveryStreamName: 'cd-files', Record: { Data: Buffer.from(data) } }));
    const smallBytes = SMALL.join('').length;
    const buffered = await pollUntil(async () => {
      const v = await view('cd-files');
      return v.bufferedBytes === smallBytes ? v : undefined;
    }, 'three small records buffered', 20_000, 100);
    assert.equal(buffered.status, 'ACTIVE');
    assert.deepEqual(buffered.source, { kind: 'DirectPut', streamName: null, streamArn: null });
    assert.deepEqual(buffered.destination, { kind: 'file', target: 'cd-bucket/', prefix: '', table: null, compression: 'UNCOMPRESSED', format: 'raw' });
    assert.deepEqual(buffered.bufferingHints, { sizeInMBs: 1, intervalInSeconds: 900 });
    assert.equal(buffered.bufferLimitBytes, BIG);
    assert.equal(buffered.bufferFill, smallBytes / BIG);
    assert.deepEqual(buffered.totals, { deliveries: 0, deliveredRecords: 0, deliveredBytes: 0, failedAttempts: 0 });
    assert.deepEqual(buffered.delivered, []);

    await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'cd-files', Records: [{ Data: Buffer.alloc(HALF, 'y') }, { Data: Buffer.alloc(BIG - smallBytes - HALF, 'z') }] }));
    const [object] = await fx.waitForObjects('cd-bucket', (o) => o.length === 1, 'one object in cd-bucket');
    assert.match(object!.key, defaultKeyPattern('cd-files', '1'));
    const v = await pollUntil(async () => {
      const got = await view('cd-files');
      return got.delivered.length === 1 && got.bufferedBytes === 0 ? got : undefined;
    }, 'the delivery journaled', 20_000, 100);
    assert.deepEqual(v.delivered.map(({ atMs: _, ...e }) => e), [{ role: 'main', key: object!.key, records: 5, bytes: BIG, attempts: 1 }]);
    assert.deepEqual(v.totals, { deliveries: 1, deliveredRecords: 5, deliveredBytes: BIG, failedAttempts: 0 });
    assert.deepEqual(v.window, { incomingRecords: 5, incomingBytes: BIG, deliveredRecords: 5, deliveredBytes: BIG });
    assert.equal(v.dataFreshnessMs, 0);
    assert.deepEqual(v.failures, []);

    const list = (await (await fetch(`${fx.server.url}/console/api/delivery-streams`)).json()) as { deliveryStreams: View[] };
    assert.deepEqual(list.deliveryStreams.map((s) => [s.name, s.totals.deliveredRecords]), [['cd-files', 5]]);
  });

  test('a bucket that cannot be written: failed attempts with their error, then the delivery that lands', async () => {
    // A plain file where the bucket's date folder must go: every delivery attempt fails until it is removed.
    const blocker = `${fx.bucketDir('cd-broken')}/${new Date().getUTCFullYear()}`;
    await mkdir(dirname(blocker), { recursive: true });
    await writeFile(blocker, 'not a directory');
    await fx.createDeliveryStream({
      DeliveryStreamName: 'cd-broken',
      ExtendedS3DestinationConfiguration: { BucketARN: 'arn:aws:s3:::cd-broken', RoleARN: ROLE, BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 900 } },
    });
    await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'cd-broken', Records: [{ Data: Buffer.alloc(HALF, 'q') }, { Data: Buffer.alloc(HALF, 'r') }] }));
    const failing = await pollUntil(async () => {
      const got = await view('cd-broken');
      return got.failures.length >= 1 ? got : undefined;
    }, 'a failed delivery attempt', 20_000, 100);
    const first = failing.failures.at(-1)!;
    assert.equal(first.errorType, 'ENOTDIR');
    assert.match(first.message, /not a directory/);
    assert.equal(first.attempts, 1);
    assert.equal(first.records, 2);
    assert.match(first.key, defaultKeyPattern('cd-broken', '1'));
    assert.deepEqual(failing.delivered, []);

    await rm(blocker);
    const v = await pollUntil(async () => {
      const got = await view('cd-broken');
      return got.delivered.length === 1 ? got : undefined;
    }, 'the batch delivered after the bucket was fixed', 30_000, 100);
    const [object] = await fx.objects('cd-broken');
    assert.equal(v.delivered[0]!.key, object!.key);
    assert.equal(v.delivered[0]!.key, first.key);
    assert.equal(v.delivered[0]!.attempts, v.totals.failedAttempts + 1);
    assert.ok(v.totals.failedAttempts >= 1);
  });
});
