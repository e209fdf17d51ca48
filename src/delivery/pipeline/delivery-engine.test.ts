import { test, describe, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { FunctionInvoker } from '../../functions/function-invoker.js';
import { deterministicUuid } from './object-key.js';
import { cleanupEngines, definition, setupEngine, T0 } from './testing/engine-harness.js';
import { rec, until } from './testing/pipeline-fakes.js';

afterEach(cleanupEngines);

const setup = (invoker?: FunctionInvoker) => setupEngine(invoker !== undefined ? { invoker } : {});

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
