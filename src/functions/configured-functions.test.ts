import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FunctionEntry } from '../config/config-schema.js';
import { ManualClock } from '../engine/clock.js';
import { SqliteStateStore } from '../storage/sqlite/sqlite-state-store.js';
import { registerConfiguredFunctions } from './configured-functions.js';
import { FunctionRegistry } from './function-registry.js';

const entry = (overrides: Partial<FunctionEntry> & { name: string }): FunctionEntry => ({
  handler: 'index.handler',
  runtime: 'nodejs20.x',
  timeout: 3,
  memorySize: 128,
  environment: {},
  ...overrides,
});

describe('registerConfiguredFunctions', () => {
  test('creates, updates in place and deletes config functions, leaving API functions alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tributary-cfgfn-'));
    const store = new SqliteStateStore({ path: ':memory:' });
    await store.open();
    try {
      await mkdir(join(dir, 'code'));
      const registry = new FunctionRegistry({ store, clock: new ManualClock(), dataDir: join(dir, 'data'), accountId: '000000000000', region: 'us-east-1', defaultConcurrency: 10 });
      await registry.load();
      const options = { logger: { info: () => undefined }, defaultConcurrency: 10, accountId: '000000000000', cwd: dir };
      await registry.create('api-fn', { handler: 'h.h', runtime: 'nodejs20.x', role: 'arn:aws:iam::000000000000:role/r', description: '', timeoutSeconds: 3, memoryMb: 128, environment: {}, concurrency: 1, echoed: {} }, { kind: 'http', url: 'http://x/' });

      await registerConfiguredFunctions(registry, [entry({ name: 'local', dir: 'code', timeout: 30, environment: { K: 'v' } }), entry({ name: 'hook', url: 'http://127.0.0.1:9/h', concurrency: 3 })], options);
      const local = registry.get('local')!;
      assert.deepEqual(
        [local.kind, local.codeDir, local.timeoutSeconds, local.environment, local.concurrency, local.role, local.state],
        ['code', join(dir, 'code'), 30, { K: 'v' }, 10, 'arn:aws:iam::000000000000:role/tributary-config', 'Active'],
      );
      const hook = registry.get('hook')!;
      assert.deepEqual([hook.kind, hook.endpointUrl, hook.concurrency, hook.runtime], ['http', 'http://127.0.0.1:9/h', 3, 'http']);

      const before = local.revisionId;
      await registerConfiguredFunctions(registry, [entry({ name: 'local', dir: 'code', timeout: 5 })], options);
      assert.deepEqual(registry.list().map((f) => f.name), ['api-fn', 'local']);
      assert.equal(registry.get('local')!.timeoutSeconds, 5);
      assert.notEqual(registry.get('local')!.revisionId, before);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
