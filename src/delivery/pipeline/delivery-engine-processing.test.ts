import { test, describe, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { FunctionInvoker } from '../../functions/function-invoker.js';
import { FormatConversionError } from '../format/format-conversion-error.js';
import type { DeliveryRecord } from '../sink.js';
import type { Formatter } from './formatter-port.js';
import { cleanupEngines, definition, setupEngine, T0 } from './testing/engine-harness.js';
import { rec, until } from './testing/pipeline-fakes.js';

afterEach(cleanupEngines);

const json = (o: unknown): string => JSON.stringify(o);
const docs = (body: Buffer): Record<string, unknown>[] => body.toString().trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const raw = (doc: Record<string, unknown>): string => Buffer.from(String(doc.rawData), 'base64').toString();

const partitioned = () => definition({
  processing: { appendNewline: false, metadataExtractionQuery: '{customer_id:.customer_id}' },
  dynamicPartitioning: { enabled: true },
}, 'cid=!{partitionKeyFromQuery:customer_id}/', 'err/!{firehose:error-output-type}/');

describe('DeliveryEngine dynamic partitioning', () => {
  test('one buffer and one object per partition key; a non-JSON record goes to err/partitioning-failed/', async () => {
    const { sleeper, sink, engine, source } = await setupEngine();
    await engine.start(partitioned(), source);
    source.push([
      rec('r0', json({ customer_id: 'c1', n: 0 }), T0), rec('r1', json({ customer_id: 'c2', n: 1 }), T0),
      rec('r2', 'not json', T0), rec('r3', json({ customer_id: 'c1', n: 3 }), T0 + 1000),
    ]);
    await until(() => sleeper.sleeping.includes(60_000));
    sleeper.advance(60_000);
    await until(() => source.acked.length === 1);
    const byPrefix = new Map(sink.delivered.map((b) => [b.objectKey.slice(0, b.objectKey.indexOf('/s-1-') + 1), b]));
    assert.deepEqual([...byPrefix.keys()].sort(), ['cid=c1/', 'cid=c2/', 'err/partitioning-failed/']);
    assert.equal(byPrefix.get('cid=c1/')!.body.toString(), json({ customer_id: 'c1', n: 0 }) + json({ customer_id: 'c1', n: 3 }));
    assert.deepEqual(byPrefix.get('cid=c1/')!.records.map((r) => r.partitionKeys), [{ customer_id: 'c1' }, { customer_id: 'c1' }]);
    assert.equal(byPrefix.get('cid=c2/')!.body.toString(), json({ customer_id: 'c2', n: 1 }));
    const [doc] = docs(byPrefix.get('err/partitioning-failed/')!.body);
    assert.deepEqual({ ...doc, rawData: raw(doc!) }, {
      attemptsMade: 1, arrivalTimestamp: T0, errorCode: 'DynamicPartitioning.MetadataExtractionFailed', errorMessage: 'Non JSON record provided',
      attemptEndingTimestamp: T0, rawData: 'not json',
    });
  });

  test('a record that would open partition maxPartitions+1 goes to the error output (TooManyPartitions)', async () => {
    const { sleeper, sink, engine, source } = await setupEngine({ tuning: { maxPartitions: 2, spoolAfterAttempts: 3, initialBackoffMs: 1000, maxBackoffMs: 4000, backoffJitter: 0 } });
    await engine.start(partitioned(), source);
    source.push(['c1', 'c2', 'c3', 'c1'].map((c, i) => rec(`r${i}`, json({ customer_id: c }), T0)));
    await until(() => sleeper.sleeping.includes(60_000));
    sleeper.advance(60_000);
    await until(() => source.acked.length === 1);
    const keys = sink.delivered.map((b) => b.objectKey.split('/s-1-')[0]).sort();
    assert.deepEqual(keys, ['cid=c1', 'cid=c2', 'err/partitioning-failed']);
    const error = sink.delivered.find((b) => b.objectKey.startsWith('err/'))!;
    const [doc] = docs(error.body);
    assert.deepEqual([doc!.errorCode, doc!.errorMessage], ['DynamicPartitioning.TooManyPartitions', 'The number of active partitions exceeds the limit of 2']);
    assert.equal(raw(doc!), json({ customer_id: 'c3' }));
  });

  test('a partition whose evaluated prefix would exceed 512 characters goes to the error output (PrefixTooLong)', async () => {
    const { sleeper, sink, engine, source } = await setupEngine();
    await engine.start(partitioned(), source);
    const long = 'x'.repeat(509); // 'cid=' + 509 + '/' = 514 characters
    const fits = 'y'.repeat(507); // 512 characters
    source.push([rec('r0', json({ customer_id: long }), T0), rec('r1', json({ customer_id: fits }), T0)]);
    await until(() => sleeper.sleeping.includes(60_000));
    sleeper.advance(60_000);
    await until(() => source.acked.length === 1);
    const prefixes = sink.delivered.map((b) => b.objectKey.slice(0, b.objectKey.lastIndexOf('/') + 1)).sort();
    assert.deepEqual(prefixes, [`cid=${fits}/`, 'err/partitioning-failed/']);
    const [doc] = docs(sink.delivered.find((b) => b.objectKey.startsWith('err/'))!.body);
    assert.deepEqual([doc!.errorCode, doc!.errorMessage], ['DynamicPartitioning.PrefixTooLong', 'The evaluated prefix has 514 characters, more than 512']);
  });
});

function transformingInvoker(calls: { n: number }, respond: (records: { recordId: string; data: string }[]) => unknown): FunctionInvoker {
  return {
    async invoke(request) {
      calls.n++;
      const event = JSON.parse(request.payload.toString()) as { records: { recordId: string; data: string }[] };
      const out = respond(event.records);
      if (out instanceof Error) {
        return { requestId: 'r', functionError: 'Unhandled', payload: Buffer.from(json({ errorMessage: out.message })), executedVersion: '$LATEST', durationMs: 1 };
      }
      return { requestId: 'r', payload: Buffer.from(json(out)), executedVersion: '$LATEST', durationMs: 1 };
    },
  };
}

const transformed = (retries: number) => definition({
  bufferingHints: { sizeInMBs: 1, intervalInSeconds: 0 },
  processing: { appendNewline: false, transformation: { lambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:f', numberOfRetries: retries, bufferSizeInMBs: 1, bufferIntervalInSeconds: 60 } },
}, 'ok/', 'bad/!{firehose:error-output-type}/');

describe('DeliveryEngine transformation', () => {
  test('Ok is delivered transformed, Dropped disappears, ProcessingFailed lands under processing-failed with the original data', async () => {
    const calls = { n: 0 };
    const invoker = transformingInvoker(calls, (records) => ({ records: [
      { recordId: records[0]!.recordId, result: 'Ok', data: Buffer.from('A!').toString('base64') },
      { recordId: records[1]!.recordId, result: 'Dropped' },
      { recordId: records[2]!.recordId, result: 'ProcessingFailed' },
    ] }));
    const { sink, engine, source } = await setupEngine({ invoker });
    await engine.start(transformed(3), source);
    source.push([rec('a', 'A', T0), rec('b', 'B', T0), rec('c', 'C', T0)]);
    await until(() => source.acked.length === 1);
    assert.equal(calls.n, 1);
    const ok = sink.delivered.filter((b) => b.objectKey.startsWith('ok/'));
    const bad = sink.delivered.filter((b) => b.objectKey.startsWith('bad/processing-failed/'));
    assert.deepEqual(ok.map((b) => b.body.toString()), ['A!']);
    assert.equal(bad.length, 1);
    assert.equal(sink.delivered.length, 2);
    const [doc] = docs(bad[0]!.body);
    assert.deepEqual({ ...doc, rawData: raw(doc!) }, {
      attemptsMade: 1, arrivalTimestamp: T0, errorCode: 'Lambda.ProcessingFailed', errorMessage: 'The record was marked ProcessingFailed by the function',
      attemptEndingTimestamp: T0, rawData: 'C', lambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:f',
    });
  });

  test('a function that keeps failing is invoked NumberOfRetries+1 times, then every record goes to processing-failed and delivery continues', async () => {
    const calls = { n: 0 };
    const { sink, engine, source } = await setupEngine({ invoker: transformingInvoker(calls, () => new Error('boom')) });
    await engine.start(transformed(2), source);
    source.push([rec('a', 'A', T0), rec('b', 'B', T0)]);
    await until(() => source.acked.length === 1);
    assert.equal(calls.n, 3);
    assert.equal(sink.delivered.length, 1);
    assert.match(sink.delivered[0]!.objectKey, /^bad\/processing-failed\/s-1-/);
    assert.deepEqual(docs(sink.delivered[0]!.body).map((d) => [d.attemptsMade, d.errorCode, d.errorMessage, raw(d)]), [
      [3, 'Lambda.FunctionError', 'boom', 'A'], [3, 'Lambda.FunctionError', 'boom', 'B'],
    ]);
  });
});

/** Converts records whose data is JSON; the others fail (as the Parquet converter does for bad records). */
const jsonOnlyFormatter: Formatter = {
  encode(records: readonly DeliveryRecord[]) {
    const good = records.filter((r) => { try { JSON.parse(r.data.toString()); return true; } catch { return false; } });
    const body = Buffer.from(`PARQUET(${good.map((r) => r.data.toString()).join(',')})`);
    if (good.length === records.length) return { body, extension: '.parquet' };
    const failures = records.filter((r) => !good.includes(r)).map((record) => ({ record, errorCode: 'DataFormatConversion.MalformedData', errorMessage: 'not JSON' }));
    throw new FormatConversionError(failures, good, good.length > 0 ? { body, extension: '.parquet' } : undefined);
  },
  async encodeAsync(records: readonly DeliveryRecord[]) {
    return jsonOnlyFormatter.encode(records);
  },
};

describe('DeliveryEngine format conversion failures', () => {
  test('the converted part is delivered; the records that failed go to format-conversion-failed; the batch is acked', async () => {
    const { sink, engine, source } = await setupEngine({ formatter: jsonOnlyFormatter });
    await engine.start(definition({ bufferingHints: { sizeInMBs: 1, intervalInSeconds: 0 } }, 'data/', 'err/!{firehose:error-output-type}/'), source);
    source.push([rec('a', '{"a":1}', T0), rec('b', 'oops', T0 + 1), rec('c', '{"c":3}', T0 + 2)]);
    await until(() => source.acked.length === 1 && sink.delivered.length === 2);
    const main = sink.delivered.find((b) => b.objectKey.startsWith('data/'))!;
    assert.match(main.objectKey, /\.parquet$/);
    assert.equal(main.body.toString(), 'PARQUET({"a":1},{"c":3})');
    assert.deepEqual(main.records.map((r) => r.recordId), ['a', 'c']);
    const error = sink.delivered.find((b) => b.objectKey.startsWith('err/format-conversion-failed/'))!;
    const [doc] = docs(error.body);
    assert.deepEqual({ ...doc, rawData: raw(doc!) }, {
      attemptsMade: 1, arrivalTimestamp: T0 + 1, lastErrorCode: 'DataFormatConversion.MalformedData', lastErrorMessage: 'not JSON',
      attemptEndingTimestamp: T0, rawData: 'oops',
    });
  });

  test('when no record converts, everything goes to the error output and nothing to the destination', async () => {
    const { sink, engine, source } = await setupEngine({ formatter: jsonOnlyFormatter });
    await engine.start(definition({ bufferingHints: { sizeInMBs: 1, intervalInSeconds: 0 } }, 'data/', 'err/!{firehose:error-output-type}/'), source);
    source.push([rec('a', 'x', T0), rec('b', 'y', T0)]);
    await until(() => source.acked.length === 1);
    assert.deepEqual(sink.delivered.map((b) => b.objectKey.split('/s-1-')[0]), ['err/format-conversion-failed']);
    assert.deepEqual(docs(sink.delivered[0]!.body).map(raw), ['x', 'y']);
  });
});

describe('DeliveryEngine record de-aggregation', () => {
  test('JSON de-aggregation runs before partitioning: sub-records of one record land in their own partitions; an array record goes to processing-failed', async () => {
    const { sleeper, sink, engine, source } = await setupEngine();
    await engine.start(definition({
      processing: { appendNewline: true, metadataExtractionQuery: '{customer_id:.customer_id}', deAggregation: { subRecordType: 'JSON' } },
      dynamicPartitioning: { enabled: true },
    }, 'cid=!{partitionKeyFromQuery:customer_id}/', 'err/!{firehose:error-output-type}/'), source);
    source.push([rec('r0', '{"customer_id":"c1","n":0}{"customer_id":"c2","n":1}\n{"customer_id":"c1","n":2}', T0), rec('r1', '[{"customer_id":"c1"}]', T0)]);
    await until(() => sleeper.sleeping.includes(60_000));
    sleeper.advance(60_000);
    await until(() => source.acked.length === 1);
    const by = new Map(sink.delivered.map((b) => [b.objectKey.split('/s-1-')[0], b]));
    assert.deepEqual([...by.keys()].sort(), ['cid=c1', 'cid=c2', 'err/processing-failed']);
    assert.deepEqual(by.get('cid=c1')!.records.map((r) => [r.recordId, r.data.toString()]), [['r0.0', '{"customer_id":"c1","n":0}'], ['r0.2', '{"customer_id":"c1","n":2}']]);
    assert.deepEqual(by.get('cid=c2')!.records.map((r) => r.recordId), ['r0.1']);
    const [doc] = docs(by.get('err/processing-failed')!.body);
    assert.deepEqual([doc!.errorCode, doc!.errorMessage, raw(doc!)], ['RecordDeAggregation.Failed', 'Expected a JSON object at byte 0', '[{"customer_id":"c1"}]']);
  });
});
