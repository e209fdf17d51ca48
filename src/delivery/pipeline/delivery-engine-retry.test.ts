import { test, describe, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DeliverySpool } from './delivery-spool.js';
import { advanceUntil, cleanupEngines, definition, setupEngine, spooled, T0 } from './testing/engine-harness.js';
import { rec, until } from './testing/pipeline-fakes.js';

afterEach(cleanupEngines);

const immediate = definition({ bufferingHints: { sizeInMBs: 1, intervalInSeconds: 0 } });

describe('DeliveryEngine retries and spool', () => {
  test('a failing destination: backoff 1 s then 2 s, spooled after 3 attempts (source acked), retried from the spool until it lands; nothing lost, no duplicate names', async () => {
    const s = await setupEngine();
    const { sleeper, sink, engine, source, dataDir } = s;
    sink.failNext = Number.POSITIVE_INFINITY;
    await engine.start(immediate, source);
    source.push([rec('a0', 'A0', T0), rec('a1', 'A1', T0)]);
    await until(() => sink.attempts === 1 && sleeper.sleeping.includes(1000));
    assert.deepEqual(sleeper.sleeping, [1000]);
    sleeper.advance(1000);
    await until(() => sink.attempts === 2 && sleeper.sleeping.includes(2000));
    assert.deepEqual(source.acked, [], 'not acked while only retried in memory');
    sleeper.advance(2000);
    await until(() => source.acked.length === 1);
    assert.equal(sink.attempts >= 3, true);
    assert.equal((await spooled(dataDir)).length, 1, 'spooled to disk after the third failure');

    source.push([rec('b0', 'B0', T0 + 10)]);
    await advanceUntil(s, () => source.acked.length === 2, 'second batch spooled');
    assert.equal((await spooled(dataDir)).length, 2);
    assert.equal(sink.delivered.length, 0);

    sink.failNext = 0;
    await advanceUntil(s, async () => (await spooled(dataDir)).length === 0, 'spool drained');
    const keys = sink.delivered.map((b) => b.objectKey);
    assert.equal(keys.length, 2);
    assert.equal(new Set(keys).size, 2, 'no duplicate object names');
    assert.deepEqual(sink.delivered.map((b) => b.body.toString()).sort(), ['A0A1', 'B0']);
    assert.deepEqual(sink.delivered.flatMap((b) => b.records.map((r) => r.recordId)).sort(), ['a0', 'a1', 'b0']);
  });

  test('spooled batches survive a restart and land under the same object name; a re-created stream (new id) never sees them', async () => {
    const first = await setupEngine();
    first.sink.failNext = Number.POSITIVE_INFINITY;
    await first.engine.start(immediate, first.source);
    first.source.push([rec('a', 'A', T0)]);
    await advanceUntil(first, () => first.source.acked.length === 1, 'spooled');
    const spool = new DeliverySpool(join(first.dataDir, 'delivery-spool', 's-0123456789abcdef'));
    const [name] = await spool.list();
    const key = (await spool.read(name!)).batch.objectKey;
    await first.engine.close();

    const other = await setupEngine({ dataDir: first.dataDir });
    await other.engine.start({ ...immediate, id: 'fedcba9876543210' }, other.source);
    await until(() => other.engine.names.length === 1);
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    assert.equal(other.sink.attempts, 0, 'another incarnation does not deliver the old spool');
    await other.engine.discard({ name: 's', id: 'fedcba9876543210' });

    const again = await setupEngine({ dataDir: first.dataDir });
    await again.engine.start(immediate, again.source);
    await until(() => again.sink.delivered.length === 1);
    assert.equal(again.sink.delivered[0]!.objectKey, key);
    assert.equal(again.sink.delivered[0]!.body.toString(), 'A');
    await until(async () => (await spooled(first.dataDir)).length === 0);
    assert.equal(again.sink.delivered.length, 1);
    await again.engine.discard({ name: 's', id: '0123456789abcdef' });
    await assert.rejects(stat(join(first.dataDir, 'delivery-spool', 's-0123456789abcdef')), /ENOENT/);
  });
});
