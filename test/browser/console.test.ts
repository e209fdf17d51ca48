// The browser test, in real headless Chromium: a server with a two-shard stream and a
// mapping whose function chokes on a poison record; the console shows the records in the shard
// chart (updating live), finds a record by partition key, shows the mapping's lag and why, and
// disables, rewinds and enables the mapping.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { EsmFixture, type TestFunction } from '../integration/support/esm-fixture.js';
import { recordingHandler, recordText } from '../integration/support/esm-handler.js';
import { pollUntil } from '../integration/support/poll-until.js';
import { chromiumMissing, launchChromium, type BrowserSession } from './support/headless-chromium.js';

const STREAM = 'console-orders';
const SHARD0 = 'shardId-000000000000';
const SHARD1 = 'shardId-000000000001';

const order = (n: number, customer: string): string => JSON.stringify({ order: n, customer, total: n * 10 });
type Put = { readonly key: string; readonly data: string; readonly shardId: string };
/**
 * Keys land by their MD5 hash (no explicit hash keys): shard 0 gets customer-4 three times and
 * customer-9 once, shard 1 customer-42 and customer-8.
 */
const FIRST: readonly Put[] = [
  { key: 'customer-4', data: order(1, 'customer-4'), shardId: SHARD0 },
  { key: 'customer-4', data: order(2, 'customer-4'), shardId: SHARD0 },
  { key: 'customer-9', data: order(3, 'customer-9'), shardId: SHARD0 },
  { key: 'customer-4', data: order(4, 'customer-4'), shardId: SHARD0 },
  { key: 'customer-42', data: order(5, 'customer-42'), shardId: SHARD1 },
  { key: 'customer-8', data: order(6, 'customer-8'), shardId: SHARD1 },
];
const SEARCHED = FIRST[4]!;
/** Put while the page is open: the function throws on any batch holding "poison", so shard 0 stops here. */
const POISON: readonly Put[] = [
  { key: 'poison-key', data: 'poison pill', shardId: SHARD0 },
  { key: 'customer-4', data: order(8, 'customer-4'), shardId: SHARD0 },
];

const DLQ_STREAM = 'console-dlq-stream';
const DLQ_QUEUE = 'console-dlq';
const DELIVERY = 'console-delivery';
const BUCKET = 'console-bucket';
const SMALL_RECORDS = ['{"order":1}\n', '{"order":2}\n', '{"order":3}\n'];
const SMALL_BYTES = SMALL_RECORDS.join('').length;
/** Under the 1,000 KiB record limit. */
const HALF_MIB = 600_000;

const skip = chromiumMissing();

describe('web console in headless Chromium', { skip }, () => {
  let fx: EsmFixture;
  let fn: TestFunction;
  let session: BrowserSession;

  async function put(records: readonly Put[]): Promise<void> {
    const out = await fx.kinesis.send(new PutRecordsCommand({ StreamName: STREAM, Records: records.map((r) => ({ PartitionKey: r.key, Data: Buffer.from(r.data) })) }));
    assert.equal(out.FailedRecordCount, 0);
    assert.deepEqual(out.Records!.map((r) => r.ShardId), records.map((r) => r.shardId));
  }

  before(async () => {
    [fx, session] = await Promise.all([EsmFixture.start(), launchChromium()]);
  });

  after(async () => {
    await session?.close();
    await fx?.close();
  });

  test('shard chart shows the records live, a record is found by key, the mapping shows its lag and why and is rewound', async () => {
    try {
      await walkThrough();
    } catch (err) {
      await session.screenshot('console-failure').catch(() => undefined);
      throw err;
    }
  });

  async function walkThrough(): Promise<void> {
    const { page } = session;
    const streamArn = await fx.createStream(STREAM, 2);
    fn = await fx.createFunction('console-fn', recordingHandler(`console.log('batch of ' + event.Records.length); if (event.Records.some((r) => data(r).includes('poison'))) throw new Error('poison record'); return null;`));
    const mapping = await fx.createMapping({ FunctionName: fn.name, EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 10 });
    await put(FIRST);
    await fx.waitForInvocations(fn, (all) => all.flatMap((i) => i.event.Records).length === FIRST.length, 'the first six records delivered');

    // Streams list → stream page.
    await page.goto(`${fx.server.url}/console/`);
    await page.locator(`[data-testid="stream-row"][data-stream-name="${STREAM}"]`).click();
    await page.getByTestId('stream-title').filter({ hasText: STREAM }).waitFor();
    const shardTotal = (shardId: string) => page.locator(`[data-testid="shard-row"][data-shard-id="${shardId}"] [data-testid="shard-total-records"]`);
    await shardTotal(SHARD0).filter({ hasText: /^4$/ }).waitFor();
    await shardTotal(SHARD1).filter({ hasText: /^2$/ }).waitFor();
    assert.equal(await page.getByTestId('shard-row').count(), 2);
    await page.locator('[data-testid="shard-chart-note"][data-records="6"]').waitFor();
    await page.locator('[data-testid="shard-chart"] canvas').first().waitFor();
    assert.notEqual(await page.getByTestId('shard-chart').getAttribute('data-points'), '0');
    const hotShard0 = page.locator(`[data-testid="hot-keys-shard"][data-shard-id="${SHARD0}"] [data-testid="hot-key"]`);
    await hotShard0.first().waitFor();
    assert.deepEqual(await hotShard0.first().locator('span').allTextContents(), ['customer-4', '3']);

    // Live: records put now appear without a reload.
    await put(POISON);
    await shardTotal(SHARD0).filter({ hasText: /^6$/ }).waitFor();
    await page.locator('[data-testid="shard-chart-note"][data-records="8"]').waitFor();
    await session.screenshot('console-stream');
    // The iterator-age chart carries the mapping's IteratorAge per shard (no GetRecords reader here).
    await page.locator(`[data-testid="iterator-age-note"][data-series="#0 → ${fn.name}|#1 → ${fn.name}"]`).waitFor();

    // Record browser: search by partition key; JSON shown pretty; the put command works.
    await page.getByTestId('record-search-input').fill(SEARCHED.key);
    await page.getByTestId('record-search-submit').click();
    await page.locator('[data-testid="record-results"][data-count="1"]').waitFor();
    const result = page.getByTestId('record-result');
    assert.equal(await result.getAttribute('data-partition-key'), SEARCHED.key);
    assert.equal(await result.getByTestId('record-data').textContent(), JSON.stringify(JSON.parse(SEARCHED.data), null, 2));
    const command = await result.getByTestId('copy-put-command').getAttribute('title');
    assert.match(command ?? '', /^aws kinesis put-record --stream-name 'console-orders' --partition-key 'customer-42' /);
    await session.screenshot('console-record-search');

    await fx.waitForInvocations(fn, (all) => all.some((i) => i.outcome === 'error'), 'the poison batch failing');

    // Functions: invocations with errors, and the function's own log lines.
    await page.getByTestId('nav-functions').click();
    const fnCard = page.locator(`[data-testid="function-row"][data-function-name="${fn.name}"]`);
    await fnCard.getByTestId('function-errors').filter({ hasText: /^[1-9]/ }).waitFor();
    await fnCard.getByTestId('function-logs').filter({ hasText: /batch of [0-9]/ }).waitFor();
    assert.match((await fnCard.getByTestId('function-last-error').first().textContent()) ?? '', /^Error .*poison record · shardId-000000000000, batch of 2, first failing key poison-key$/);
    assert.ok(Number((await fnCard.getByTestId('function-invocations').textContent())!.replace(/,/g, '')) >= 3);
    await session.screenshot('console-functions');

    // Mappings: shard 0 retries the poison batch (2 records behind), shard 1 is caught up.
    await page.getByTestId('nav-mappings').click();
    const card = page.locator(`[data-testid="mapping-row"][data-mapping-uuid="${mapping.UUID}"]`);
    await card.locator(`[data-testid="mapping-lane"][data-shard-id="${SHARD0}"][data-state="retrying"]`).waitFor();
    await card.locator(`[data-testid="mapping-lane"][data-shard-id="${SHARD1}"]:not([data-state="retrying"])`).waitFor();
    await card.locator('[data-testid="mapping-lag"][data-lag-records="2"]').waitFor();
    assert.match((await card.getByTestId('mapping-lag').textContent()) ?? '', /^2 records · /);
    assert.notEqual(await card.getByTestId('mapping-lag').getAttribute('data-lag-ms'), '0');
    assert.match((await card.locator(`[data-testid="mapping-lane"][data-shard-id="${SHARD0}"] [data-testid="mapping-lane-reason"]`).textContent()) ?? '', /retrying/i);
    assert.equal(await card.getByTestId('mapping-state').textContent(), 'Enabled');
    const failing = card.getByTestId('mapping-failing-record');
    await failing.filter({ hasText: 'poison-key' }).waitFor();
    assert.match((await failing.textContent()) ?? '', /poison pill/);
    // Last errors: the function's error and the failing record (the head of the failed batch).
    const lastError = card.getByTestId('mapping-error').first();
    await lastError.waitFor();
    assert.equal(await lastError.getAttribute('data-error-type'), 'Error');
    assert.match((await lastError.textContent()) ?? '', /poison record/);
    assert.equal(await lastError.getByTestId('mapping-error-record').getAttribute('data-partition-key'), 'poison-key');
    await session.screenshot('console-mappings');
    const delivered = (): string[] => fn.invocations().filter((i) => i.outcome === 'ok').flatMap((i) => i.event.Records.map(recordText));
    assert.deepEqual(delivered().sort(), FIRST.map((r) => r.data).sort());

    // Disable, rewind to TRIM_HORIZON (confirming the dialog), enable: shard 1 is delivered again.
    await card.getByTestId('mapping-enable-toggle').click();
    await card.getByTestId('mapping-state').filter({ hasText: /^Disabled$/ }).waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await card.getByTestId('mapping-rewind').click();
    await page.getByTestId('mapping-flash').filter({ hasText: /^Mapping rewound$/ }).waitFor();
    await card.getByTestId('mapping-enable-toggle').filter({ hasText: /^Enable$/ }).click();
    await card.getByTestId('mapping-state').filter({ hasText: /^Enabled$/ }).waitFor();
    await fx.waitForInvocations(fn, () => delivered().filter((d) => d === SEARCHED.data).length === 2, 'shard 1 delivered again after the rewind');

    // The copied put command, pasted into a shell, puts the same record again.
    await runShell(command!.replace(/^aws /, '/usr/bin/aws '));
    const again = (await (await fetch(`${fx.server.url}/console/api/streams/${STREAM}/records?partitionKey=${SEARCHED.key}`)).json()) as { records: { data: { utf8: string } }[] };
    assert.deepEqual(again.records.map((r) => r.data.utf8), [SEARCHED.data, SEARCHED.data]);

    assert.deepEqual(session.blockedRequests, [], 'the console loads nothing from outside');
    assert.deepEqual(session.pageErrors, []);
  }

  test('dead-letter queue: the failed record resolved from the stream, then redriven into the stream', async () => {
    try {
      await dlqWalkThrough();
    } catch (err) {
      await session.screenshot('console-dlq-failure').catch(() => undefined);
      throw err;
    }
  });

  async function dlqWalkThrough(): Promise<void> {
    const { page } = session;
    const streamArn = await fx.createStream(DLQ_STREAM, 1);
    const queue = await fx.createQueue(DLQ_QUEUE);
    const dlqFn = await fx.createFunction('console-dlq-fn', recordingHandler(`if (event.Records.some((r) => data(r).includes('bad'))) throw new Error('refused'); return null;`));
    await fx.createMapping({
      FunctionName: dlqFn.name, EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 1,
      MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: queue.arn } },
    });
    await fx.kinesis.send(new PutRecordsCommand({ StreamName: DLQ_STREAM, Records: [{ PartitionKey: 'good-key', Data: Buffer.from('good order') }, { PartitionKey: 'dlq-key', Data: Buffer.from('bad order') }] }));

    await page.getByTestId('nav-queues').click();
    const row = page.locator(`[data-testid="queue-row"][data-queue-name="${DLQ_QUEUE}"]`);
    await row.locator('td.num').first().filter({ hasText: /^1$/ }).waitFor({ timeout: 20_000 });
    assert.equal(await row.getByTestId('queue-dead-letters').textContent(), `on-failure destination of ${dlqFn.name}`);
    await row.click();
    const failed = page.getByTestId('failed-record');
    await failed.first().waitFor();
    assert.equal(await failed.count(), 1);
    assert.equal(await failed.locator('.pill').textContent(), 'dlq-key');
    assert.match((await failed.textContent()) ?? '', /bad order/);
    assert.match((await page.getByTestId('failed-batch').textContent()) ?? '', new RegExp(`1 record\\(s\\) from ${DLQ_STREAM} shardId-000000000000`));
    await session.screenshot('console-dlq');

    await page.getByTestId('queue-redrive').click();
    await page.getByTestId('queue-redrive-result').filter({ hasText: /^1 redriven \(1 records put back, 0 messages to source queue\), 0 skipped$/ }).waitFor();
    const search = async () => ((await (await fetch(`${fx.server.url}/console/api/streams/${DLQ_STREAM}/records?partitionKey=dlq-key`)).json()) as { records: { data: { utf8: string } }[] }).records;
    assert.deepEqual((await search()).map((r) => r.data.utf8), ['bad order', 'bad order'], 'the record is back in the stream');
  }

  test('delivery streams: buffer fill before the flush, then the delivered object with its key, records and bytes', async () => {
    try {
      await deliveryWalkThrough();
    } catch (err) {
      await session.screenshot('console-delivery-failure').catch(() => undefined);
      throw err;
    }
  });

  async function deliveryWalkThrough(): Promise<void> {
    const { page } = session;
    const firehose = new FirehoseClient({ endpoint: fx.server.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy-secret' }, maxAttempts: 1 });
    try {
      await firehose.send(new CreateDeliveryStreamCommand({
        DeliveryStreamName: DELIVERY,
        DeliveryStreamType: 'DirectPut',
        ExtendedS3DestinationConfiguration: { BucketARN: `arn:aws:s3:::${BUCKET}`, RoleARN: 'arn:aws:iam::000000000000:role/firehose', Prefix: 'orders/', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 900 } },
      }));
      await pollUntil(async () => (await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: DELIVERY }))).DeliveryStreamDescription?.DeliveryStreamStatus === 'ACTIVE', 'delivery stream ACTIVE', 10_000, 50);
      await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: DELIVERY, Records: SMALL_RECORDS.map((d) => ({ Data: Buffer.from(d) })) }));

      await page.getByTestId('nav-delivery').click();
      const row = page.locator(`[data-testid="delivery-row"][data-delivery-stream="${DELIVERY}"]`);
      await row.waitFor();
      await row.click();
      await page.getByTestId('delivery-title').filter({ hasText: DELIVERY }).waitFor();
      await page.locator(`[data-testid="delivery-buffer-fill"][data-bytes="${SMALL_BYTES}"][data-limit="1048576"]`).waitFor();
      assert.equal(await page.getByTestId('delivery-destination').textContent(), `File bucket ${BUCKET}/orders/`);
      assert.equal(await page.getByTestId('delivery-source').textContent(), 'Direct PUT');
      assert.equal(await page.getByTestId('delivery-hints').textContent(), '1 MiB or 900 s');
      assert.equal(await page.getByTestId('delivery-totals').getAttribute('data-records'), '0');
      assert.equal(await page.getByTestId('delivered-object').count(), 0);
      await page.locator('[data-testid="delivery-freshness"]:not([data-ms="0"])').waitFor();
      await session.screenshot('console-delivery-buffered');

      // Two more records cross the 1 MiB size hint: one object of five records, shown live.
      await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: DELIVERY, Records: [Buffer.alloc(HALF_MIB, 'y'), Buffer.alloc(1048576 - SMALL_BYTES - HALF_MIB, 'z')].map((d) => ({ Data: d })) }));
      const delivered = page.getByTestId('delivered-object');
      await delivered.first().waitFor();
      const objects = await pollUntil(async () => {
        const found = await bucketObjects(join(fx.server.dataDir, 'buckets', BUCKET));
        return found.length === 1 ? found : undefined;
      }, 'one object in the bucket', 10_000, 100);
      assert.match(objects[0]!.key, /^orders\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/console-delivery-1-/);
      assert.equal(await delivered.count(), 1);
      assert.equal(await delivered.getAttribute('data-key'), objects[0]!.key);
      assert.equal(await delivered.getAttribute('data-records'), '5');
      assert.equal(await delivered.getAttribute('data-bytes'), '1048576');
      assert.equal(objects[0]!.size, 1048576);
      await page.locator('[data-testid="delivery-buffer-fill"][data-bytes="0"]').waitFor();
      await page.locator('[data-testid="delivery-totals"][data-records="5"][data-bytes="1048576"][data-deliveries="1"]').waitFor();
      await page.locator('[data-testid="delivery-chart-note"][data-incoming="5"][data-delivered="5"]').waitFor();
      await page.locator('[data-testid="delivery-freshness"][data-ms="0"]').waitFor();
      assert.equal(await page.getByTestId('delivery-failure').count(), 0);
      await page.locator('[data-testid="delivery-records-chart"] canvas').first().waitFor();
      await session.screenshot('console-delivery');
      assert.deepEqual(session.blockedRequests, []);
      assert.deepEqual(session.pageErrors, []);
    } finally {
      firehose.destroy();
    }
  }
});

/** Every complete object of a file-system bucket (temp files skipped), as key → size. */
async function bucketObjects(dir: string): Promise<{ key: string; size: number }[]> {
  const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  const out: { key: string; size: number }[] = [];
  for (const name of names) {
    const st = await stat(join(dir, name));
    if (st.isFile() && !name.split('/').at(-1)!.startsWith('.')) out.push({ key: name, size: st.size });
  }
  return out;
}

/** Runs a shell command line (as a user pasting it would) with dummy credentials; rejects on a non-zero exit. */
function runShell(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('/bin/sh', ['-c', command], {
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: '/nonexistent', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'dummy-secret', AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true' },
      timeout: 30_000,
    }, (err, stdout, stderr) => (err ? reject(new Error(`${command}\n${stderr}`)) : resolve(stdout)));
  });
}
