import { test, describe, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { DeliveryStreamDefinition, HttpEndpointDestinationSettings } from '../delivery-stream-definition.js';
import { HttpEndpointDeliveryError } from '../sinks/http-endpoint-error.js';
import { cleanupEngines, definition, setupEngine, spooled, T0 } from './testing/engine-harness.js';
import { rec, until } from './testing/pipeline-fakes.js';

afterEach(cleanupEngines);

function http(retryDurationInSeconds: number, s3BackupMode: 'FailedDataOnly' | 'AllData' = 'FailedDataOnly'): DeliveryStreamDefinition {
  const settings: HttpEndpointDestinationSettings = {
    kind: 'http-endpoint', url: 'http://127.0.0.1:1/', contentEncoding: 'NONE', commonAttributes: {}, retryDurationInSeconds, s3BackupMode,
    backup: { kind: 's3', bucket: 'backup', prefix: 'copy/', errorOutputPrefix: 'failed/!{firehose:error-output-type}/' },
  };
  return definition({ settings, bufferingHints: { sizeInMBs: 1, intervalInSeconds: 0 } });
}

const docs = (body: Buffer): Record<string, unknown>[] => body.toString().trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const status500 = () => new HttpEndpointDeliveryError('HttpEndpoint.DestinationException', 'Received the following response from the endpoint destination. 500: down', 500, false);

describe('DeliveryEngine HTTP endpoint backup', () => {
  test('sinks are built for the stream (its real ARN), the destination and its S3 backup', async () => {
    const { built, engine, source } = await setupEngine();
    await engine.start(http(300), source);
    assert.deepEqual(built, [
      { kind: 'http-endpoint', arn: 'arn:aws:firehose:us-east-1:000000000000:deliverystream/s' },
      { kind: 's3', arn: 'arn:aws:firehose:us-east-1:000000000000:deliverystream/s' },
    ]);
  });

  test('still failing RetryOptions.DurationInSeconds after the first failure: backed up once under http-endpoint-failed, then retried (spooled) until delivered', async () => {
    const { sleeper, sink, backupSink, engine, source, dataDir } = await setupEngine();
    sink.failNext = Number.POSITIVE_INFINITY;
    sink.failure = status500;
    await engine.start(http(2), source);
    source.push([rec('a', 'A', T0), rec('b', 'B', T0)]);
    await until(() => sink.attempts === 1 && sleeper.sleeping.includes(1000));
    assert.equal(backupSink.delivered.length, 0, 'not backed up before the retry duration');
    sleeper.advance(1000);
    await until(() => sink.attempts === 2 && sleeper.sleeping.includes(2000));
    assert.equal(backupSink.delivered.length, 0);
    sleeper.advance(2000); // 3 s after the first failure ≥ 2 s
    await until(() => source.acked.length === 1);
    assert.equal(backupSink.delivered.length, 1);
    const backup = backupSink.delivered[0]!;
    assert.match(backup.objectKey, /^failed\/http-endpoint-failed\/s-1-2023-11-14-22-13-20-[0-9a-f-]{36}$/);
    assert.deepEqual(docs(backup.body), ['A', 'B'].map((data, i) => ({
      attemptsMade: 3, arrivalTimestamp: T0, errorCode: 'HttpEndpoint.DestinationException',
      errorMessage: 'Received the following response from the endpoint destination. 500: down', attemptEndingTimestamp: T0 + 3000,
      rawData: Buffer.from(data).toString('base64'), subsequenceNumber: 0, dataId: `${['a', 'b'][i]}.0`,
    })));
    assert.equal((await spooled(dataDir)).length, 1, 'the batch itself is spooled and still retried');
    for (let i = 0; i < 5; i++) {
      sleeper.advance(4000);
      await new Promise((r) => setTimeout(r, 2));
    }
    assert.equal(backupSink.delivered.length, 1, 'backed up once, not on every retry');
    sink.failNext = 0;
    for (let i = 0; i < 50 && sink.delivered.length === 0; i++) {
      sleeper.advance(4000);
      await new Promise((r) => setTimeout(r, 2));
    }
    assert.deepEqual(sink.delivered.map((b) => b.records.map((r) => r.data.toString())), [['A', 'B']]);
    await until(async () => (await spooled(dataDir)).length === 0);
  });

  test('a permanent failure (413) is not retried: the batch goes to the backup and the source is acked', async () => {
    const { sink, backupSink, engine, source, sleeper } = await setupEngine();
    sink.failNext = 1;
    sink.failure = () => new HttpEndpointDeliveryError('HttpEndpoint.DestinationException', 'Received the following response from the endpoint destination. 413: too big', 413, true);
    await engine.start(http(300), source);
    source.push([rec('a', 'A', T0)]);
    await until(() => source.acked.length === 1);
    assert.equal(sink.attempts, 1);
    assert.deepEqual(sleeper.sleeping, []);
    assert.equal(sink.delivered.length, 0);
    assert.deepEqual(docs(backupSink.delivered[0]!.body).map((d) => [d.attemptsMade, d.errorMessage]), [[1, 'Received the following response from the endpoint destination. 413: too big']]);
  });

  test('S3BackupMode AllData: every batch is also copied to the backup under its prefix; acked once both landed', async () => {
    const { sink, backupSink, engine, source } = await setupEngine();
    await engine.start(http(300, 'AllData'), source);
    source.push([rec('a', 'A', T0), rec('b', 'B', T0)]);
    await until(() => source.acked.length === 1);
    assert.equal(sink.delivered.length, 1);
    assert.equal(backupSink.delivered.length, 1);
    assert.match(backupSink.delivered[0]!.objectKey, /^copy\/2023\/11\/14\/22\/s-1-2023-11-14-22-13-20-[0-9a-f-]{36}$/);
    assert.equal(backupSink.delivered[0]!.body.toString(), 'AB');
  });

  test('AllData: the source is not acked while the backup copy is still failing', async () => {
    const { sink, backupSink, engine, source, sleeper } = await setupEngine();
    backupSink.failNext = 1;
    await engine.start(http(300, 'AllData'), source);
    source.push([rec('a', 'A', T0)]);
    await until(() => sink.delivered.length === 1 && backupSink.attempts === 1 && sleeper.sleeping.includes(1000));
    assert.deepEqual(source.acked, []);
    sleeper.advance(1000);
    await until(() => source.acked.length === 1);
    assert.equal(backupSink.delivered.length, 1);
  });
});
