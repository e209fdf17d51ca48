import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { ManualClock } from '../engine/clock.js';
import { SqliteStateStore } from '../storage/sqlite/sqlite-state-store.js';
import { InvalidCodeError } from './code-store.js';
import { FunctionExistsError, RevisionMismatchError } from './function-errors.js';
import { FunctionNotFoundError } from './function-invoker.js';
import type { FunctionSettings } from './function-record.js';
import { FunctionRegistry } from './function-registry.js';

const SETTINGS: FunctionSettings = {
  handler: 'index.handler',
  runtime: 'nodejs20.x',
  role: 'arn:aws:iam::000000000000:role/r',
  description: '',
  timeoutSeconds: 3,
  memoryMb: 128,
  environment: {},
  concurrency: 2,
  echoed: {},
};

const zip = (files: Record<string, string>): Buffer =>
  Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)]))));

async function withRegistry(body: (r: FunctionRegistry, ctx: { dir: string; store: SqliteStateStore; clock: ManualClock; reopen: () => Promise<FunctionRegistry> }) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tributary-fnreg-'));
  const store = new SqliteStateStore({ path: join(dir, 'state.db') });
  await store.open();
  const clock = new ManualClock(1_000);
  const make = async (): Promise<FunctionRegistry> => {
    const registry = new FunctionRegistry({ store, clock, dataDir: dir, accountId: '000000000000', region: 'us-east-1', defaultConcurrency: 7 });
    await registry.load();
    return registry;
  };
  try {
    await body(await make(), { dir, store, clock, reopen: make });
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

describe('FunctionRegistry', () => {
  test('creates an Active function with its code unpacked, persisted across reloads', () =>
    withRegistry(async (registry, { dir, reopen }) => {
      const record = await registry.create('f', SETTINGS, { kind: 'zip', zip: zip({ 'index.js': 'x' }) });
      assert.deepEqual(
        [record.name, record.arn, record.kind, record.state, record.lastModified, record.origin, registry.defaultConcurrency],
        ['f', 'arn:aws:lambda:us-east-1:000000000000:function:f', 'code', 'Active', 1_000, 'api', 7],
      );
      assert.equal(record.codeDir, join(dir, 'functions', 'f', record.codeRevision!));
      const again = await reopen();
      assert.deepEqual(again.get('f'), record);
      assert.deepEqual(again.list().map((f) => f.name), ['f']);
    }));

  test('refuses a duplicate name and bad zips, leaving nothing behind', () =>
    withRegistry(async (registry, { dir }) => {
      await registry.create('f', SETTINGS, { kind: 'zip', zip: zip({ 'index.js': 'x' }) });
      await assert.rejects(registry.create('f', SETTINGS, { kind: 'zip', zip: zip({ 'a.js': '' }) }), FunctionExistsError);
      await assert.rejects(registry.create('g', SETTINGS, { kind: 'zip', zip: Buffer.from('junk') }), (e) => e instanceof InvalidCodeError && e.reason === 'unreadable');
      await assert.rejects(registry.create('g', SETTINGS, { kind: 'zip', zip: zip({}) }), (e) => e instanceof InvalidCodeError && e.reason === 'empty');
      await assert.rejects(registry.create('g', SETTINGS, { kind: 'zip', zip: zip({ '../x.js': '' }) }), (e) => e instanceof InvalidCodeError && e.reason === 'unsafe-path');
      assert.deepEqual(await readdir(join(dir, 'functions')), ['f']);
      assert.equal(registry.find('g'), undefined);
    }));

  test('updateCode swaps the code directory, removes the old one and changes the revision', () =>
    withRegistry(async (registry, { dir, clock }) => {
      const first = await registry.create('f', SETTINGS, { kind: 'zip', zip: zip({ 'index.js': '1' }) });
      clock.advance(5);
      const second = await registry.updateCode('f', { kind: 'zip', zip: zip({ 'index.js': '2' }) }, first.revisionId, { timeoutSeconds: 9 });
      assert.notEqual(second.revisionId, first.revisionId);
      assert.notEqual(second.codeDir, first.codeDir);
      assert.deepEqual([second.lastModified, second.timeoutSeconds], [1_005, 9]);
      assert.deepEqual(await readdir(join(dir, 'functions', 'f')), [second.codeRevision]);
      await assert.rejects(registry.updateCode('f', { kind: 'zip', zip: zip({ 'a.js': '' }) }, first.revisionId), RevisionMismatchError);
      await assert.rejects(registry.updateCode('nope', { kind: 'zip', zip: zip({ 'a.js': '' }) }), FunctionNotFoundError);
    }));

  test('updateSettings merges and keeps the code; delete removes record and code', () =>
    withRegistry(async (registry, { dir, reopen }) => {
      const first = await registry.create('f', SETTINGS, { kind: 'zip', zip: zip({ 'index.js': '1' }) });
      const changed = await registry.updateSettings('f', { memoryMb: 512, environment: { A: 'b' } });
      assert.deepEqual([changed.memoryMb, changed.environment, changed.codeDir, changed.handler], [512, { A: 'b' }, first.codeDir, 'index.handler']);
      await registry.delete('f');
      assert.equal(registry.get('f'), undefined);
      assert.deepEqual(await readdir(join(dir, 'functions')), []);
      assert.equal((await reopen()).get('f'), undefined);
      await assert.rejects(registry.delete('f'), FunctionNotFoundError);
    }));

  test('load removes code directories no function refers to', () =>
    withRegistry(async (registry, { dir, reopen }) => {
      const record = await registry.create('f', SETTINGS, { kind: 'zip', zip: zip({ 'index.js': '1' }) });
      await mkdir(join(dir, 'functions', 'f', 'orphan.tmp-1234'), { recursive: true });
      await mkdir(join(dir, 'functions', 'gone', 'rev'), { recursive: true });
      await reopen();
      assert.deepEqual(await readdir(join(dir, 'functions')), ['f']);
      assert.deepEqual(await readdir(join(dir, 'functions', 'f')), [record.codeRevision]);
    }));

  test('directory sources are used in place and fingerprinted; a missing one makes the function Failed', () =>
    withRegistry(async (registry, { dir }) => {
      const code = join(dir, 'src');
      await mkdir(code);
      await writeFile(join(code, 'index.js'), 'abc');
      const record = await registry.create('d', SETTINGS, { kind: 'dir', dir: code }, { origin: 'config' });
      assert.deepEqual([record.codeDir, record.codeSize, record.state, record.origin, record.codeRevision], [code, 3, 'Active', 'config', undefined]);
      assert.match(record.codeSha256, /^[A-Za-z0-9+/]{43}=$/);
      const missing = await registry.create('m', SETTINGS, { kind: 'dir', dir: join(dir, 'nowhere') });
      assert.deepEqual(
        [missing.state, missing.stateReason, missing.stateReasonCode],
        ['Failed', `Code directory ${join(dir, 'nowhere')} does not exist.`, 'InvalidConfiguration'],
      );
      const http = await registry.create('h', SETTINGS, { kind: 'http', url: 'http://127.0.0.1:1/x' });
      assert.deepEqual([http.kind, http.endpointUrl, http.state], ['http', 'http://127.0.0.1:1/x', 'Active']);
    }));
});
