import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SqliteStateStore } from '../storage/sqlite/sqlite-state-store.js';
import type { MappingDefinition } from './mapping-definition.js';
import { MappingInUseError, MappingNotFoundError } from './mapping-registry-errors.js';
import { FUNCTION_ARN, FakeRunner, openRegistry, REGION, ACCOUNT, STREAM_ARN } from './mapping-registry.test-support.js';

const base = { functionName: 'my-fn', eventSourceArn: STREAM_ARN, startingPosition: 'LATEST' } as const;

describe('MappingRegistry state machine', () => {
  test('create returns Creating with every AWS default, then settles to Enabled once the runner applied it', async () => {
    const { registry, runner, clock } = await openRegistry();
    const created = await registry.create(base);
    const expected: MappingDefinition = {
      uuid: created.uuid,
      arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:event-source-mapping:${created.uuid}`,
      eventSourceArn: STREAM_ARN,
      functionName: 'my-fn',
      functionArn: FUNCTION_ARN,
      enabled: true,
      state: 'Creating',
      startingPosition: 'LATEST',
      batchSize: 100,
      maximumBatchingWindowInSeconds: 0,
      parallelizationFactor: 1,
      maximumRetryAttempts: -1,
      maximumRecordAgeInSeconds: -1,
      bisectBatchOnFunctionError: false,
      reportBatchItemFailures: false,
      tumblingWindowInSeconds: 0,
      filterPatterns: [],
      echoed: {},
      lastModified: 1_700_000_000_000,
      lastProcessingResult: 'No records processed',
      stateTransitionReason: 'User action',
    };
    assert.deepEqual(created, expected);
    assert.match(created.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    clock.advance(5);
    await registry.whenSettled();
    assert.deepEqual(runner.calls, [{ kind: 'apply', mapping: { ...expected, state: 'Enabled' } }]);
    assert.deepEqual(registry.get(created.uuid), { ...expected, state: 'Enabled', lastModified: 1_700_000_000_005 });
  });

  test('the transient state is what Get returns until the runner has acted', async () => {
    const runner = new FakeRunner();
    runner.hold = true;
    const { registry } = await openRegistry({ runner });
    const { uuid } = await registry.create(base);
    await new Promise((r) => setImmediate(r));
    assert.equal(registry.get(uuid).state, 'Creating');
    runner.release();
    await registry.whenSettled();
    assert.equal(registry.get(uuid).state, 'Enabled');
  });

  test('create with Enabled false is Disabled at once and the runner gets it disabled', async () => {
    const { registry, runner } = await openRegistry();
    const created = await registry.create({ ...base, enabled: false });
    assert.equal(created.state, 'Disabled');
    assert.equal(created.enabled, false);
    await registry.whenSettled();
    assert.equal(registry.get(created.uuid).state, 'Disabled');
    assert.deepEqual(runner.calls, [{ kind: 'apply', mapping: created }]);
  });

  test('disable goes Disabling then Disabled; enable goes Enabling then Enabled', async () => {
    const { registry, runner } = await openRegistry();
    const { uuid } = await registry.create(base);
    await registry.whenSettled();
    const disabling = await registry.update(uuid, { enabled: false });
    assert.equal(disabling.state, 'Disabling');
    await registry.whenSettled();
    assert.equal(registry.get(uuid).state, 'Disabled');
    const enabling = await registry.update(uuid, { enabled: true });
    assert.equal(enabling.state, 'Enabling');
    await registry.whenSettled();
    assert.equal(registry.get(uuid).state, 'Enabled');
    assert.deepEqual(
      runner.calls.map((c) => (c.kind === 'apply' ? `${c.mapping.state}/${c.mapping.enabled}` : c.kind)),
      ['Enabled/true', 'Disabled/false', 'Enabled/true'],
    );
  });

  test('updating other fields goes Updating, then back to Enabled or Disabled', async () => {
    const { registry } = await openRegistry();
    const { uuid } = await registry.create(base);
    await registry.whenSettled();
    const updating = await registry.update(uuid, { batchSize: 10 });
    assert.equal(updating.state, 'Updating');
    assert.equal(updating.batchSize, 10);
    await registry.whenSettled();
    assert.equal(registry.get(uuid).state, 'Enabled');
    await registry.update(uuid, { enabled: false });
    await registry.whenSettled();
    assert.equal((await registry.update(uuid, { batchSize: 20, enabled: false })).state, 'Updating');
    await registry.whenSettled();
    assert.equal(registry.get(uuid).state, 'Disabled');
  });

  test('update while Creating and delete while Updating are refused as in use', async () => {
    const runner = new FakeRunner();
    runner.hold = true;
    const { registry } = await openRegistry({ runner });
    const { uuid } = await registry.create(base);
    await assert.rejects(registry.update(uuid, { batchSize: 5 }), (err) => {
      assert.ok(err instanceof MappingInUseError);
      assert.deepEqual([err.uuid, err.action, err.state], [uuid, 'update', 'Creating']);
      return true;
    });
    await assert.rejects(registry.delete(uuid), (err) => err instanceof MappingInUseError && err.action === 'delete');
    runner.release();
    await registry.whenSettled();
    runner.hold = true;
    await registry.update(uuid, { batchSize: 5 });
    await assert.rejects(registry.delete(uuid), (err) => err instanceof MappingInUseError && err.state === 'Updating');
    runner.release();
    await registry.whenSettled();
  });

  test('delete returns Deleting, tells the runner, then the mapping is gone', async () => {
    const { registry, runner, store } = await openRegistry();
    const { uuid } = await registry.create(base);
    await registry.whenSettled();
    const deleting = await registry.delete(uuid);
    assert.equal(deleting.state, 'Deleting');
    await registry.whenSettled();
    assert.deepEqual(runner.calls.at(-1), { kind: 'remove', uuid });
    assert.throws(() => registry.get(uuid), (err) => err instanceof MappingNotFoundError && err.uuid === uuid);
    assert.equal(await store.get('mappings', uuid), undefined);
    assert.deepEqual(registry.list().mappings, []);
  });

  test('get, update and delete of an unknown UUID throw MappingNotFoundError', async () => {
    const { registry } = await openRegistry();
    const uuid = '00000000-0000-4000-8000-000000000000';
    assert.throws(() => registry.get(uuid), MappingNotFoundError);
    await assert.rejects(registry.update(uuid, { batchSize: 1 }), MappingNotFoundError);
    await assert.rejects(registry.delete(uuid), MappingNotFoundError);
  });

  test('a runner failure is logged and the mapping still settles', async () => {
    const runner = new FakeRunner();
    runner.failWith = new Error('boom');
    const { registry, errors } = await openRegistry({ runner });
    const { uuid } = await registry.create(base);
    await registry.whenSettled();
    assert.equal(registry.get(uuid).state, 'Enabled');
    assert.equal(errors.length, 1);
    assert.deepEqual(Object.keys(errors[0] as object), ['err', 'uuid']);
  });

  test('LastProcessingResult from the runner shows in Get and is written only when it changes', async () => {
    const { registry, store } = await openRegistry();
    const { uuid } = await registry.create(base);
    await registry.whenSettled();
    const before = (await store.get('mappings', uuid))!.version;
    registry.setLastProcessingResult(uuid, 'OK');
    assert.equal(registry.get(uuid).lastProcessingResult, 'OK');
    registry.setLastProcessingResult(uuid, 'OK');
    await registry.whenSettled();
    const stored = await store.get<MappingDefinition>('mappings', uuid);
    assert.equal(stored!.version, before + 1);
    assert.equal(stored!.value.lastProcessingResult, 'OK');
    registry.setLastProcessingResult(uuid, 'PROBLEM: Function call failed');
    const updated = await registry.update(uuid, { batchSize: 7 });
    assert.equal(updated.lastProcessingResult, 'PROBLEM: Function call failed');
    await registry.whenSettled();
    assert.equal((await store.get<MappingDefinition>('mappings', uuid))!.value.lastProcessingResult, 'PROBLEM: Function call failed');
    registry.setLastProcessingResult('00000000-0000-4000-8000-000000000000', 'OK');
    await registry.whenSettled();
  });
});

describe('MappingRegistry persistence', () => {
  test('mappings survive reopening the store, and the runner gets each one again on load', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mapping-registry-'));
    try {
      const path = join(dir, 'state.db');
      const store = new SqliteStateStore({ path });
      await store.open();
      const first = await openRegistry({ store });
      const a = await first.registry.create({ ...base, batchSize: 7, filterPatterns: ['{"data":{"a":[1]}}'] });
      const b = await first.registry.create({ ...base, functionName: 'other-fn', enabled: false });
      await first.registry.whenSettled();
      first.registry.setLastProcessingResult(a.uuid, 'OK');
      await first.registry.close();
      await store.close();

      const reopened = new SqliteStateStore({ path });
      await reopened.open();
      const second = await openRegistry({ store: reopened });
      await second.registry.whenSettled();
      const expectedA = { ...a, state: 'Enabled', lastProcessingResult: 'OK' };
      assert.deepEqual(second.registry.get(a.uuid), expectedA);
      assert.deepEqual(second.registry.get(b.uuid), b);
      const applied = second.runner.calls.map((c) => (c.kind === 'apply' ? c.mapping.uuid : c.kind)).sort();
      assert.deepEqual(applied, [a.uuid, b.uuid].sort());
      await second.registry.close();
      await reopened.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('close does not wait for a runner that never answers; the transition settles on the next load', async () => {
    const runner = new FakeRunner();
    runner.hold = true;
    const { registry, store, clock } = await openRegistry({ runner });
    const { uuid } = await registry.create(base);
    await registry.close();
    runner.release();
    await registry.whenSettled();
    assert.equal((await store.get<MappingDefinition>('mappings', uuid))!.value.state, 'Creating');
    const restarted = await openRegistry({ store, clock });
    await restarted.registry.whenSettled();
    assert.equal(restarted.registry.get(uuid).state, 'Enabled');
  });

  test('a transition interrupted by a crash finishes on load: Creating settles, Deleting is removed', async () => {
    const runner = new FakeRunner();
    runner.hold = true;
    const { registry, store, clock } = await openRegistry({ runner });
    const creating = await registry.create(base);
    const other = await registry.create({ ...base, functionName: 'other-fn', enabled: false });
    await registry.delete(other.uuid);
    // The first registry never finishes (runner held): a second one over the same store plays the restart.
    const restarted = await openRegistry({ store, clock });
    await restarted.registry.whenSettled();
    assert.equal(restarted.registry.get(creating.uuid).state, 'Enabled');
    assert.throws(() => restarted.registry.get(other.uuid), MappingNotFoundError);
    assert.deepEqual(restarted.runner.calls.map((c) => c.kind).sort(), ['apply', 'remove']);
    assert.equal(await store.get('mappings', other.uuid), undefined);
  });
});
