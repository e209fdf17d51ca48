// Nothing acknowledged is lost: a server killed (SIGKILL) with a record still in the buffer delivers
// it after restart, and a destination that is down for a while receives every record once it is back.

import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PutRecordCommand, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { FirehoseFixture, ROLE, defaultKeyPattern } from './support/firehose-fixture.js';
import { byDelivery, lines } from './support/firehose-records.js';
import { pollUntil } from './support/poll-until.js';

/** Set while the server parts this file needs have not landed (false once they have). */
const WAITING: string | false = false;

const BIG = 600_000;

describe('Firehose durability', { skip: WAITING }, () => {
  const open: FirehoseFixture[] = [];
  after(async () => {
    for (const fx of open) await fx.close();
  });

  test('crash mid-buffer: the acknowledged record is delivered after restart', async () => {
    let fx = await FirehoseFixture.start();
    await fx.createDeliveryStream({
      DeliveryStreamName: 'crash',
      ExtendedS3DestinationConfiguration: {
        BucketARN: 'arn:aws:s3:::crash-bucket',
        RoleARN: ROLE,
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 900 },
      },
    });
    const first = Buffer.from('acknowledged-before-the-crash;');
    await fx.firehose.send(new PutRecordCommand({ DeliveryStreamName: 'crash', Record: { Data: first } }));
    fx = await fx.crashAndRestart();
    open.push(fx);
    await fx.waitActive('crash');
    const big = [Buffer.alloc(BIG, 'e'), Buffer.alloc(BIG, 'f')];
    await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'crash', Records: big.map((Data) => ({ Data })) }));
    const objects = await fx.waitForObjects('crash-bucket', (o) => o.length >= 1, 'an object in crash-bucket');
    assert.equal(objects.length, 1);
    assert.match(objects[0]!.key, defaultKeyPattern('crash', '1'));
    assert.ok(objects[0]!.body.equals(Buffer.concat([first, ...big])), 'the pre-crash record comes first, then the rest');
  });

  test('destination down for a while, then back: every record delivered exactly once', async () => {
    const fx = await FirehoseFixture.start();
    open.push(fx);
    // The bucket's directory path is taken by a plain file: every write fails until it is removed.
    const bucketDir = fx.bucketDir('down-bucket');
    await mkdir(dirname(bucketDir), { recursive: true });
    await writeFile(bucketDir, 'not a directory');
    await fx.createDeliveryStream({
      DeliveryStreamName: 'down',
      ExtendedS3DestinationConfiguration: {
        BucketARN: 'arn:aws:s3:::down-bucket',
        RoleARN: ROLE,
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
        ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'AppendDelimiterToRecord' }] },
      },
    });
    const sent = Array.from({ length: 30 }, (_, i) => `line-${i}`);
    for (let i = 0; i < sent.length; i += 10) {
      await fx.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'down', Records: sent.slice(i, i + 10).map((s) => ({ Data: Buffer.from(s) })) }));
    }
    // The destination stays down across several delivery attempts (the console's journal counts them).
    await pollUntil(async () => {
      const view = (await (await fetch(`${fx.server.url}/console/api/delivery-streams/down`)).json()) as { totals: { failedAttempts: number } };
      return view.totals.failedAttempts >= 2;
    }, 'two failed delivery attempts', 20_000, 100);
    await rm(bucketDir);
    const objects = await fx.waitForObjects('down-bucket', (o) => lines(o).length >= sent.length, 'all lines in down-bucket', 30_000);
    for (const o of objects) assert.match(o.key, defaultKeyPattern('down', '1'));
    assert.deepEqual(lines(byDelivery(objects)).sort(), [...sent].sort());
  });
});
