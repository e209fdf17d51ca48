import { test, describe, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FunctionInvoker } from '../../functions/function-invoker.js';
import type { BufferingHints, DeliveryStreamDefinition, ProcessingSettings } from '../delivery-stream-definition.js';
import { createFormatter } from '../format/formatter.js';
import { advanceUntil, cleanupEngines, definition, setupEngine, spooled, STREAM_ID, T0 } from './testing/engine-harness.js';
import { rec, until } from './testing/pipeline-fakes.js';

afterEach(cleanupEngines);

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';

/** Backup batches spooled for stream `s` (they have a spool of their own). */
async function backupSpooled(dataDir: string): Promise<string[]> {
  return (await readdir(join(dataDir, 'delivery-spool', `s-${STREAM_ID}`, 'source-backup')).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));
}

/** Records become `<DATA>!`; records whose data is `drop` are Dropped. */
const upper: FunctionInvoker = {
  async invoke(request) {
    const event = JSON.parse(request.payload.toString()) as { records: { recordId: string; data: string }[] };
    const records = event.records.map((r) => {
      const data = Buffer.from(r.data, 'base64').toString();
      return data === 'drop' ? { recordId: r.recordId, result: 'Dropped' } : { recordId: r.recordId, result: 'Ok', data: Buffer.from(`${data.toUpperCase()}!`).toString('base64') };
    });
    return { requestId: 'r', payload: Buffer.from(JSON.stringify({ records })), executedVersion: '$LATEST', durationMs: 1 };
  },
};

const transformation: ProcessingSettings = {
  appendNewline: true,
  transformation: { lambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:f', numberOfRetries: 0, bufferSizeInMBs: 1, bufferIntervalInSeconds: 60 },
};

/** ExtendedS3 to bucket `b` under `ok/` (1 MiB / `mainInterval` s) with a source-record backup to bucket `backup`. */
function withBackup(mainInterval: number, backupHints: BufferingHints, compression: 'UNCOMPRESSED' | 'GZIP' = 'UNCOMPRESSED', processing: ProcessingSettings = transformation): DeliveryStreamDefinition {
  return definition({
    bufferingHints: { sizeInMBs: 1, intervalInSeconds: mainInterval },
    processing,
    format: { appendNewline: processing.appendNewline, compression: 'UNCOMPRESSED' },
    sourceRecordBackup: { destination: { kind: 's3', bucket: 'backup', prefix: 'raw/', compression }, bufferingHints: backupHints },
  }, 'ok/');
}

describe('DeliveryEngine source-record backup (S3BackupMode Enabled)', () => {
  test('the backup gets the records as received (dropped ones too), by its own hints and compression, under its prefix; the destination gets the transformed ones', async () => {
    const { sleeper, sink, backupSink, built, engine, source } = await setupEngine({ invoker: upper, formatterFactory: createFormatter });
    await engine.start(withBackup(0, { sizeInMBs: 1, intervalInSeconds: 60 }, 'GZIP'), source);
    assert.deepEqual(built.map((b) => b.kind), ['s3', 's3'], 'a sink for the destination and one for the backup bucket');
    source.push([rec('a', 'a', T0), rec('b', 'drop', T0 + 1000)]);
    source.push([rec('c', 'c', T0 + 2000)]);
    await until(() => sink.delivered.length === 2 && sleeper.sleeping.includes(60_000));
    assert.deepEqual(sink.delivered.map((b) => b.body.toString()), ['A!\n', 'C!\n']);
    assert.equal(backupSink.delivered.length, 0, 'the backup waits for its own 60 s interval');
    assert.deepEqual(source.acked, [], 'not acked before the backup landed');
    sleeper.advance(60_000);
    await until(() => source.acked.length === 2);
    assert.deepEqual(source.acked, [0, 1]);
    assert.equal(backupSink.delivered.length, 1);
    const backup = backupSink.delivered[0]!;
    assert.match(backup.objectKey, new RegExp(`^raw/2023/11/14/22/s-1-2023-11-14-22-13-20-${UUID}\\.gz$`));
    assert.equal(gunzipSync(backup.body).toString(), 'adropc', 'source bytes unchanged, no delimiter');
    assert.deepEqual(backup.records.map((r) => r.recordId), ['a', 'b', 'c']);
  });

  test('the backup flushes at its own size hint, independently of the destination buffer', async () => {
    const { sink, backupSink, engine, source } = await setupEngine();
    const d = withBackup(60, { sizeInMBs: 1, intervalInSeconds: 900 }, 'UNCOMPRESSED', { appendNewline: false });
    await engine.start({ ...d, destination: { ...d.destination, bufferingHints: { sizeInMBs: 2, intervalInSeconds: 60 } } }, source);
    const big = 'x'.repeat(1024 * 1024);
    source.push([rec('a', big, T0)]);
    await until(() => backupSink.delivered.length === 1);
    assert.equal(backupSink.delivered[0]!.body.toString(), big);
    assert.equal(sink.delivered.length, 0, 'the destination buffer (2 MiB, 60 s) is not due yet');
    assert.deepEqual(source.acked, []);
  });

  test('one source record de-aggregated into two: the destination gets both, the backup the record once; acked once both paths settled', async () => {
    const { sink, backupSink, engine, source } = await setupEngine();
    await engine.start(withBackup(0, { sizeInMBs: 1, intervalInSeconds: 0 }, 'UNCOMPRESSED', { appendNewline: false, deAggregation: { subRecordType: 'JSON' } }), source);
    source.push([rec('a', '{"n":1}{"n":2}', T0)]);
    await until(() => source.acked.length === 1);
    assert.deepEqual(sink.delivered.flatMap((b) => b.records.map((r) => [r.recordId, r.data.toString()])), [['a.0', '{"n":1}'], ['a.1', '{"n":2}']]);
    assert.deepEqual(backupSink.delivered.map((b) => [b.records.map((r) => r.recordId), b.body.toString()]), [[['a'], '{"n":1}{"n":2}']]);
  });

  test('a failing backup does not hold the destination back; it is retried, spooled after 3 attempts (then acked) and lands from its spool', async () => {
    const s = await setupEngine({ invoker: upper });
    const { sleeper, sink, backupSink, engine, source, dataDir } = s;
    backupSink.failNext = Number.POSITIVE_INFINITY;
    await engine.start(withBackup(0, { sizeInMBs: 1, intervalInSeconds: 0 }), source);
    source.push([rec('a', 'a', T0)]);
    await until(() => sink.delivered.length === 1 && backupSink.attempts === 1 && sleeper.sleeping.includes(1000));
    source.push([rec('b', 'b', T0)]);
    await until(() => sink.delivered.length === 2);
    assert.equal(backupSink.attempts, 1, 'the destination got both objects while the backup waits for its first retry');
    assert.deepEqual(source.acked, [], 'not acked while the backup is only retried in memory');
    await advanceUntil(s, () => source.acked.length === 2, 'backup batches spooled');
    assert.equal((await backupSpooled(dataDir)).length, 2);
    assert.deepEqual(await spooled(dataDir), [], 'the destination spool is untouched');
    assert.deepEqual(sink.delivered.map((b) => b.body.toString()), ['A!', 'B!'], 'each delivered once');
    backupSink.failNext = 0;
    await advanceUntil(s, async () => (await backupSpooled(dataDir)).length === 0, 'backup spool drained');
    assert.deepEqual(backupSink.delivered.map((b) => [b.objectKey.slice(0, 4), b.body.toString()]).sort(), [['raw/', 'a'], ['raw/', 'b']]);
  });

  test('a crash before the backup landed: the source was not acked, so the restarted engine backs the records up and rewrites the destination object under the same name', async () => {
    const first = await setupEngine({ invoker: upper });
    first.backupSink.failNext = Number.POSITIVE_INFINITY;
    const stream = withBackup(0, { sizeInMBs: 1, intervalInSeconds: 60 });
    await first.engine.start(stream, first.source);
    first.source.push([rec('a', 'a', T0), rec('b', 'b', T0)]);
    await until(() => first.sink.delivered.length === 1 && first.sleeper.sleeping.includes(60_000));
    first.sleeper.advance(60_000);
    await until(() => first.backupSink.attempts === 1);
    const mainKey = first.sink.delivered[0]!.objectKey;
    await first.engine.close();
    assert.deepEqual(first.source.acked, []);
    assert.deepEqual([...await spooled(first.dataDir), ...await backupSpooled(first.dataDir)], [], 'nothing spooled yet');

    const again = await setupEngine({ invoker: upper, dataDir: first.dataDir });
    await again.engine.start(stream, again.source);
    again.source.push([rec('a', 'a', T0), rec('b', 'b', T0)]); // the unacknowledged batch, yielded again
    await until(() => again.sink.delivered.length === 1 && again.sleeper.sleeping.includes(60_000));
    assert.deepEqual(again.source.acked, []);
    again.sleeper.advance(60_000);
    await until(() => again.source.acked.length === 1);
    assert.deepEqual(again.sink.delivered.map((b) => [b.objectKey, b.body.toString()]), [[mainKey, 'A!B!']]);
    assert.equal(again.backupSink.delivered.length, 1);
    assert.match(again.backupSink.delivered[0]!.objectKey, new RegExp(`^raw/2023/11/14/22/s-1-2023-11-14-22-13-20-${UUID}$`));
    assert.equal(again.backupSink.delivered[0]!.body.toString(), 'ab');
  });

  test('spooled backup batches survive a restart and land under the same object name', async () => {
    const first = await setupEngine();
    first.backupSink.failNext = Number.POSITIVE_INFINITY;
    const stream = withBackup(0, { sizeInMBs: 1, intervalInSeconds: 0 }, 'UNCOMPRESSED', { appendNewline: false });
    await first.engine.start(stream, first.source);
    first.source.push([rec('a', 'a', T0)]);
    await advanceUntil(first, () => first.source.acked.length === 1, 'backup spooled');
    const [name] = await backupSpooled(first.dataDir);
    const spooledKey = (JSON.parse(await readFile(join(first.dataDir, 'delivery-spool', `s-${STREAM_ID}`, 'source-backup', name!), 'utf8')) as { key: string }).key;
    await first.engine.close();

    const again = await setupEngine({ dataDir: first.dataDir });
    await again.engine.start(stream, again.source);
    await until(() => again.backupSink.delivered.length === 1);
    assert.deepEqual(again.backupSink.delivered.map((b) => [b.objectKey, b.body.toString()]), [[spooledKey, 'a']]);
    await until(async () => (await backupSpooled(first.dataDir)).length === 0);
    assert.equal(again.sink.attempts, 0, 'the destination object is not delivered again (its batch was acknowledged)');
  });

  test('without a source-record backup no backup sink is built and nothing else changes', async () => {
    const { sink, backupSink, built, engine, source } = await setupEngine();
    await engine.start(definition({ bufferingHints: { sizeInMBs: 1, intervalInSeconds: 0 } }), source);
    source.push([rec('a', 'a', T0)]);
    await until(() => source.acked.length === 1);
    assert.equal(built.length, 1);
    assert.equal(sink.delivered.length, 1);
    assert.equal(backupSink.attempts, 0);
  });
});
