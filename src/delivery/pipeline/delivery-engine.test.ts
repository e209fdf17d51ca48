import { test, describe, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { ManualClock } from '../../engine/clock.js';
import type { FunctionInvoker } from '../../functions/function-invoker.js';
import { ManualSleeper } from '../../mappings/engine/manual-sleeper.js';
import type { DeliveryStreamDefinition, DestinationDefinition } from '../delivery-stream-definition.js';
import { DeliveryEngine } from './delivery-engine.js';
import { deterministicUuid } from './object-key.js';
import { concatFormatter, FakeSink, FakeSource, rec, until } from './testing/pipeline-fakes.js';

const T0 = 1_700_000_000_000; // 2023-11-14T22:13:20Z
const noInvoker: FunctionInvoker = { invoke: () => Promise.reject(new Error('no functions')) };

function definition(dest: Partial<DestinationDefinition> = {}, prefix = '', errorOutputPrefix?: string): DeliveryStreamDefinition {
  return {
    name: 's', id: '0123456789abcdef', arn: 'arn:aws:firehose:us-east-1:000000000000:deliverystream/s', type: 'DirectPut', versionId: '1', createdAt: T0,
    destination: {
      destinationId: 'destinationId-000000000001',
      settings: { kind: 's3', bucket: 'b', prefix, ...(errorOutputPrefix !== undefined ? { errorOutputPrefix } : {}) },
      bufferingHints: { sizeInMBs: 1, intervalInSeconds: 60 },
      processing: { appendNewline: false },
      format: { appendNewline: false, compression: 'UNCOMPRESSED' },
      ...dest,
    },
  };
}

let dirs: string[] = [];
let engines: DeliveryEngine[] = [];
afterEach(async () => {
  for (const e of engines) await e.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  dirs = []; engines = [];
});

async function setup(invoker: FunctionInvoker = noInvoker) {
  const dataDir = await mkdtemp(join(tmpdir(), 'delivery-engine-'));
  dirs.push(dataDir);
  const clock = new ManualClock(T0);
  const sleeper = new ManualSleeper(clock);
  const sink = new FakeSink();
  const engine = new DeliveryEngine({
    invoker, clock, sleeper, logger: pino({ level: 'silent' }), dataDir, sinkFactory: () => sink, formatter: () => concatFormatter,
    tuning: { spoolAfterAttempts: 3, initialBackoffMs: 1000, maxBackoffMs: 4000 },
  });
  engines.push(engine);
  return { dataDir, clock, sleeper, sink, engine, source: new FakeSource() };
}

describe('DeliveryEngine buffering', () => {
  test('interval: records wait for the interval, then one object with the default prefix and name', async () => {
    const { sleeper, sink, engine, source } = await setup();
    await engine.start(definition(), source);
    source.push([rec('r0', 'a', T0), rec('r1', 'b', T0)]);
    source.push([rec('r2', 'c', T0 + 5)]);
    await until(() => sleeper.sleeping.length === 1 && sleeper.sleeping[0] === 60_000);
    assert.equal(sink.delivered.length, 0);
    assert.deepEqual(source.acked, []);
    sleeper.advance(60_000);
    await until(() => source.acked.length === 2);
    assert.equal(sink.delivered.length, 1);
    const seed = 's|1|main:[{"kind":"timestamp","pattern":"yyyy/MM/dd/HH/"}]|r0|r2|3';
    assert.equal(sink.delivered[0]!.objectKey, `2023/11/14/22/s-1-2023-11-14-22-13-20-${deterministicUuid(seed)}`);
    assert.equal(sink.delivered[0]!.body.toString(), 'abc');
    assert.deepEqual(source.acked, [0, 1]);
  });

  test('size: reaching SizeInMBs flushes at once; interval 0 delivers every batch immediately', async () => {
    const { sink, engine, source } = await setup();
    await engine.start(definition(), source);
    const half = 'x'.repeat(600 * 1024);
    source.push([rec('a', half, T0)]);
    source.push([rec('b', half, T0), rec('c', 'tail', T0)]);
    await until(() => sink.delivered.length === 1);
    assert.equal(sink.delivered[0]!.body.length, 1200 * 1024); // 'tail' starts the next buffer
    assert.deepEqual(source.acked, [0]);

    const second = await setup();
    await second.engine.start(definition({ bufferingHints: { sizeInMBs: 1, intervalInSeconds: 0 } }), second.source);
    second.source.push([rec('a', '1', T0)]);
    await until(() => second.sink.delivered.length === 1);
    second.source.push([rec('b', '2', T0)]);
    await until(() => second.sink.delivered.length === 2 && second.source.acked.length === 2);
    assert.deepEqual(second.sink.delivered.map((b) => b.body.toString()), ['1', '2']);
  });

  test('stop abandons buffered data without acking it', async () => {
    const { sink, engine, source } = await setup();
    await engine.start(definition(), source);
    source.push([rec('a', '1', T0)]);
    await until(() => engine.names.length === 1);
    await engine.stop('s');
    assert.equal(sink.delivered.length, 0);
    assert.deepEqual(source.acked, []);
    assert.equal(sink.closed, true);
  });
});
