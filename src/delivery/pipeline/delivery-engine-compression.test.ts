// DeliveryEngine: error output and S3 backups compressed per the CompressionFormat of the bucket they
// land in, and a buffer whose encoding failed retryably (the conversion worker died) encoded again.
import { test, describe, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import type { DeliveryStreamDefinition, HttpEndpointDestinationSettings } from '../delivery-stream-definition.js';
import { createFormatter } from '../format/formatter.js';
import { ParquetWorkerError } from '../format/parquet-worker-error.js';
import { HttpEndpointDeliveryError } from '../sinks/http-endpoint-error.js';
import type { DeliveryRecord } from '../sink.js';
import type { Formatter } from './formatter-port.js';
import { cleanupEngines, definition, setupEngine, T0 } from './testing/engine-harness.js';
import { concatFormatter, rec, until } from './testing/pipeline-fakes.js';

afterEach(cleanupEngines);

const json = (o: unknown): string => JSON.stringify(o);
const docs = (body: Buffer): Record<string, unknown>[] => body.toString().trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const raw = (doc: Record<string, unknown>): string => Buffer.from(String(doc.rawData), 'base64').toString();

function http(backupCompression: 'GZIP' | undefined, s3BackupMode: 'FailedDataOnly' | 'AllData'): DeliveryStreamDefinition {
  const settings: HttpEndpointDestinationSettings = {
    kind: 'http-endpoint', url: 'http://127.0.0.1:1/', contentEncoding: 'NONE', commonAttributes: {}, retryDurationInSeconds: 300, s3BackupMode,
    backup: { kind: 's3', bucket: 'backup', prefix: 'copy/', errorOutputPrefix: 'failed/!{firehose:error-output-type}/', ...(backupCompression !== undefined && { compression: backupCompression }) },
  };
  return definition({ settings, bufferingHints: { sizeInMBs: 1, intervalInSeconds: 0 }, processing: { appendNewline: true }, format: { appendNewline: true, compression: 'UNCOMPRESSED' } });
}
const refused = () => new HttpEndpointDeliveryError('HttpEndpoint.DestinationException', 'Received the following response from the endpoint destination. 413: too big', 413, true);

describe('DeliveryEngine error output and backup compression', () => {
  test('S3 destination with GZIP: the partitioning-failed error object is gzipped too, with .gz', async () => {
    const { sink, engine, source } = await setupEngine({ formatterFactory: createFormatter });
    await engine.start(definition({
      processing: { appendNewline: false, metadataExtractionQuery: '{customer_id:.customer_id}' },
      dynamicPartitioning: { enabled: true },
      bufferingHints: { sizeInMBs: 1, intervalInSeconds: 0 },
      format: { appendNewline: true, compression: 'GZIP' },
    }, 'cid=!{partitionKeyFromQuery:customer_id}/', 'err/!{firehose:error-output-type}/'), source);
    source.push([rec('r0', json({ customer_id: 'c1' }), T0), rec('r1', 'not json', T0)]);
    await until(() => source.acked.length === 1);
    const main = sink.delivered.find((b) => b.objectKey.startsWith('cid=c1/'))!;
    const error = sink.delivered.find((b) => b.objectKey.startsWith('err/partitioning-failed/'))!;
    assert.match(main.objectKey, /\.gz$/);
    assert.equal(gunzipSync(main.body).toString(), `${json({ customer_id: 'c1' })}\n`);
    assert.match(error.objectKey, /^err\/partitioning-failed\/s-1-2023-11-14-22-13-20-[0-9a-f-]{36}\.gz$/);
    const [doc] = docs(gunzipSync(error.body));
    assert.equal(raw(doc!), 'not json');
    assert.equal(doc!.errorCode, 'DynamicPartitioning.MetadataExtractionFailed');
  });

  test('HTTP endpoint with a GZIP S3Configuration: the http-endpoint-failed backup is gzipped, with .gz', async () => {
    const { sink, backupSink, engine, source } = await setupEngine({ formatterFactory: createFormatter });
    sink.failNext = 1;
    sink.failure = refused;
    await engine.start(http('GZIP', 'FailedDataOnly'), source);
    source.push([rec('a', 'A', T0), rec('b', 'B', T0)]);
    await until(() => source.acked.length === 1);
    const backup = backupSink.delivered[0]!;
    assert.match(backup.objectKey, /^failed\/http-endpoint-failed\/s-1-2023-11-14-22-13-20-[0-9a-f-]{36}\.gz$/);
    assert.deepEqual(docs(gunzipSync(backup.body)).map(raw), ['A', 'B']);
  });

  test('HTTP endpoint AllData with a GZIP S3Configuration: the copy is the delimited records gzipped, with .gz', async () => {
    const { backupSink, engine, source } = await setupEngine({ formatterFactory: createFormatter });
    await engine.start(http('GZIP', 'AllData'), source);
    source.push([rec('a', 'A', T0), rec('b', 'B', T0)]);
    await until(() => source.acked.length === 1);
    const copy = backupSink.delivered[0]!;
    assert.match(copy.objectKey, /^copy\/2023\/11\/14\/22\/s-1-2023-11-14-22-13-20-[0-9a-f-]{36}\.gz$/);
    assert.equal(gunzipSync(copy.body).toString(), 'A\nB\n');
  });

  test('HTTP endpoint without CompressionFormat: the backup stays uncompressed, no extension', async () => {
    const { sink, backupSink, engine, source } = await setupEngine({ formatterFactory: createFormatter });
    sink.failNext = 1;
    sink.failure = refused;
    await engine.start(http(undefined, 'FailedDataOnly'), source);
    source.push([rec('a', 'A', T0)]);
    await until(() => source.acked.length === 1);
    assert.match(backupSink.delivered[0]!.objectKey, /-[0-9a-f-]{36}$/);
    assert.deepEqual(docs(backupSink.delivered[0]!.body).map(raw), ['A']);
  });
});

describe('DeliveryEngine encode retry', () => {
  test('a retryable encode failure (conversion worker died) is encoded again after a backoff: delivered once, nothing in the error output', async () => {
    let calls = 0;
    const flaky: Formatter = {
      encode: (records: readonly DeliveryRecord[]) => concatFormatter.encode(records),
      async encodeAsync(records: readonly DeliveryRecord[]) {
        calls += 1;
        if (calls === 1) throw new ParquetWorkerError('The Parquet conversion worker stopped (exit code 1).');
        return concatFormatter.encode(records);
      },
    };
    const { sleeper, sink, engine, source } = await setupEngine({ formatter: flaky });
    await engine.start(definition({ bufferingHints: { sizeInMBs: 1, intervalInSeconds: 0 } }), source);
    source.push([rec('a', 'A', T0), rec('b', 'B', T0)]);
    await until(() => sleeper.sleeping.some((ms) => ms >= 850 && ms <= 1150));
    assert.equal(sink.delivered.length, 0);
    sleeper.advance(1150);
    await until(() => source.acked.length === 1);
    assert.equal(calls, 2);
    assert.deepEqual(sink.delivered.map((b) => [b.objectKey.startsWith('2023/11/14/22/s-1-'), b.body.toString()]), [[true, 'AB']]);
  });
});
