import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './load-config.js';
import { resolveConfig } from './build-config.js';
import { ConfigError } from './config-error.js';
import { configFields } from './config-fields.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'tributary-config-'));
}

describe('loadConfig', () => {
  test('returns the documented defaults when nothing is given', async () => {
    const config = await loadConfig({ env: {}, cwd: await tempDir() });
    assert.deepEqual(config, {
      host: '127.0.0.1',
      port: 4567,
      dataDir: './.tributary',
      region: 'us-east-1',
      accountId: '000000000000',
      logLevel: 'info',
      auth: { mode: 'presence' },
      kinesis: {
        createDelayMs: 0,
        deleteDelayMs: 0,
        updateDelayMs: 0,
        shardLimit: 500,
        onDemandStreamCountLimit: 50,
        iteratorTtlMs: 300000,
        retentionCheckIntervalMs: 60000,
      },
      storage: { segmentBytes: 67108864, indexIntervalBytes: 4096, fsync: true },
      http: { maxBodyBytes: 16777216 },
      metrics: { enabled: true, retentionSeconds: 3600, shardResolutionSeconds: 10, memoryBytes: 67108864, hotKeys: 32 },
      lambda: { defaultConcurrency: 10, maxPendingEvents: 1000, eventRetryDelaysMs: [60000, 120000], maxQueuedInvocations: 64, idleTimeoutMs: 600000 },
      mappings: { idlePollMs: 1000, discoveryIntervalMs: 10000, retryBaseDelayMs: 200, retryMaxDelayMs: 10000, stopGraceMs: 5000, checkpointIntervalMs: 10 },
      firehose: { s3: { forcePathStyle: true }, parquetWorkers: 1 },
      functions: [],
    });
  });

  test('reads a functions list from the file with per-entry defaults', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'tributary.yml'), 'functions:\n  - name: fn1\n    dir: ./fn1\n  - name: hook\n    url: http://127.0.0.1:9/hook\n    timeout: 30\n');
    const config = await loadConfig({ cwd, env: {} });
    assert.deepEqual(config.functions, [
      { name: 'fn1', dir: './fn1', handler: 'index.handler', runtime: 'nodejs20.x', timeout: 3, memorySize: 128, environment: {} },
      { name: 'hook', url: 'http://127.0.0.1:9/hook', handler: 'index.handler', runtime: 'nodejs20.x', timeout: 30, memorySize: 128, environment: {} },
    ]);
    assert.ok(Object.isFrozen(config.functions));
    assert.ok(Object.isFrozen(config.functions[0]));
  });

  test('refuses a function entry with both or neither of dir and url, and duplicate names', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'tributary.yml'), 'functions:\n  - name: a\n  - name: b\n    dir: x\n    url: http://h/\n  - name: b\n    dir: y\n');
    await assert.rejects(loadConfig({ cwd, env: {} }), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.deepEqual(err.issues, [
        'functions.0 needs exactly one of dir or url',
        'functions.1 needs exactly one of dir or url',
        'functions.2.name "b" is used twice',
      ]);
      return true;
    });
  });

  test('firehose.s3: file < environment < flags, and the two keys only together', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'tributary.yml'), 'firehose:\n  s3:\n    endpoint: http://file:9000\n    region: eu-west-1\n');
    const config = await loadConfig({
      cwd,
      env: { TRIBUTARY_FIREHOSE_S3_ACCESS_KEY_ID: 'AK', TRIBUTARY_FIREHOSE_S3_SECRET_ACCESS_KEY: 'SK', TRIBUTARY_FIREHOSE_S3_ENDPOINT: 'http://env:9000' },
      flags: { 'firehose-s3-endpoint': 'https://flag:9443', 'firehose-s3-force-path-style': false },
    });
    assert.deepEqual(config.firehose, { s3: { endpoint: 'https://flag:9443', region: 'eu-west-1', forcePathStyle: false, accessKeyId: 'AK', secretAccessKey: 'SK' }, parquetWorkers: 1 });
    await assert.rejects(loadConfig({ cwd: await tempDir(), env: { TRIBUTARY_FIREHOSE_S3_ACCESS_KEY_ID: 'AK' } }), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.deepEqual(err.issues, ['firehose.s3.accessKeyId and firehose.s3.secretAccessKey must be set together']);
      return true;
    });
    await assert.rejects(loadConfig({ cwd: await tempDir(), env: {}, flags: { 'firehose-s3-endpoint': 'ftp://x' } }), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.match(err.issues.join('\n'), /^firehose\.s3\.endpoint /);
      return true;
    });
  });

  test('firehose.parquetWorkers: from the environment or flags, 1 to 16', async () => {
    assert.equal((await loadConfig({ cwd: await tempDir(), env: { TRIBUTARY_FIREHOSE_PARQUET_WORKERS: '2' } })).firehose.parquetWorkers, 2);
    assert.equal((await loadConfig({ cwd: await tempDir(), env: {}, flags: { 'firehose-parquet-workers': '3' } })).firehose.parquetWorkers, 3);
    await assert.rejects(loadConfig({ cwd: await tempDir(), env: { TRIBUTARY_FIREHOSE_PARQUET_WORKERS: '0' } }), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.match(err.issues.join('\n'), /^firehose\.parquetWorkers /);
      return true;
    });
  });

  test('merges file < environment < flags', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'tributary.yml'), 'port: 1000\nregion: eu-west-1\nkinesis:\n  shardLimit: 7\n  createDelayMs: 5\n');
    const config = await loadConfig({
      cwd,
      env: { TRIBUTARY_PORT: '2000', TRIBUTARY_KINESIS_SHARD_LIMIT: '8' },
      flags: { port: '3000', 'storage-fsync': false },
    });
    assert.equal(config.port, 3000);
    assert.equal(config.region, 'eu-west-1');
    assert.equal(config.kinesis.shardLimit, 8);
    assert.equal(config.kinesis.createDelayMs, 5);
    assert.equal(config.storage.fsync, false);
  });

  test('reads integer lists from the file, and comma-separated from the environment and flags', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'tributary.yml'), 'lambda:\n  eventRetryDelaysMs: [5, 6]\n');
    assert.deepEqual((await loadConfig({ cwd, env: {} })).lambda.eventRetryDelaysMs, [5, 6]);
    const fromEnv = await loadConfig({ cwd, env: { TRIBUTARY_LAMBDA_EVENT_RETRY_DELAYS_MS: '10, 20' } });
    assert.deepEqual(fromEnv.lambda.eventRetryDelaysMs, [10, 20]);
    assert.ok(Object.isFrozen(fromEnv.lambda.eventRetryDelaysMs));
    assert.deepEqual((await loadConfig({ cwd, env: {}, flags: { 'lambda-event-retry-delays-ms': '7' } })).lambda.eventRetryDelaysMs, [7]);
    assert.deepEqual((await loadConfig({ cwd, env: {}, flags: { 'lambda-event-retry-delays-ms': '' } })).lambda.eventRetryDelaysMs, []);
  });

  test('refuses more than two event retries and values that are not integers', async () => {
    const cwd = await tempDir();
    await assert.rejects(loadConfig({ cwd, env: {}, flags: { 'lambda-event-retry-delays-ms': '1,2,3' } }), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.deepEqual(err.issues, ['lambda.eventRetryDelaysMs expected array length to be less or equal to 2 (got [1,2,3] from --lambda-event-retry-delays-ms)']);
      return true;
    });
    await assert.rejects(loadConfig({ cwd, env: { TRIBUTARY_LAMBDA_EVENT_RETRY_DELAYS_MS: '1,x' } }), /lambda\.eventRetryDelaysMs\.1 expected integer \(got "x"/);
  });

  test('reads the mapping engine tuning', async () => {
    const config = await loadConfig({ cwd: await tempDir(), env: { TRIBUTARY_MAPPINGS_IDLE_POLL_MS: '50' }, flags: { 'mappings-checkpoint-interval-ms': '0' } });
    assert.deepEqual([config.mappings.idlePollMs, config.mappings.checkpointIntervalMs], [50, 0]);
  });

  test('reads the file named by --config and TLS settings from it', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'other.yml'), 'tls:\n  certFile: c.pem\n  keyFile: k.pem\n');
    const config = await loadConfig({ cwd, env: {}, configFile: 'other.yml' });
    assert.deepEqual(config.tls, { certFile: 'c.pem', keyFile: 'k.pem' });
  });

  test('reports every bad setting at once with where it came from', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'tributary.yml'), 'kinesis:\n  shardLimt: 3\n');
    await assert.rejects(
      loadConfig({ cwd, env: { TRIBUTARY_PORT: 'abc' }, flags: { 'log-level': 'loud', colour: 'red' } }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.deepEqual(err.issues, [
          'unknown option --colour',
          'port expected integer (got "abc" from TRIBUTARY_PORT)',
          'logLevel must be one of fatal, error, warn, info, debug, trace, silent (got "loud" from --log-level)',
          `kinesis.shardLimt is not a known setting (got 3 from ${join(cwd, 'tributary.yml')})`,
        ]);
        return true;
      },
    );
  });

  test('a missing --config file is an error, a missing ./tributary.yml is not', async () => {
    const cwd = await tempDir();
    await assert.rejects(loadConfig({ cwd, env: {}, configFile: 'nope.yml' }), /cannot read config file .*nope\.yml: ENOENT/);
  });

  test('TLS needs both files', async () => {
    await assert.rejects(loadConfig({ env: { TRIBUTARY_TLS_CERT_FILE: 'c.pem' }, cwd: await tempDir() }), /tls\.keyFile is required/);
  });

  test('returns a deeply frozen object', async () => {
    const config = resolveConfig({ port: 0, kinesis: { createDelayMs: 10 } });
    assert.equal(config.kinesis.createDelayMs, 10);
    assert.equal(config.kinesis.deleteDelayMs, 0);
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.kinesis));
  });
});

describe('configFields', () => {
  test('derives flags and environment variables from the schema paths', () => {
    const byKey = new Map(configFields().map((field) => [field.key, field]));
    assert.equal(byKey.get('dataDir')?.flag, 'data-dir');
    assert.equal(byKey.get('dataDir')?.env, 'TRIBUTARY_DATA_DIR');
    assert.equal(byKey.get('kinesis.createDelayMs')?.flag, 'kinesis-create-delay-ms');
    assert.equal(byKey.get('kinesis.createDelayMs')?.env, 'TRIBUTARY_KINESIS_CREATE_DELAY_MS');
    assert.equal(byKey.get('tls.certFile')?.env, 'TRIBUTARY_TLS_CERT_FILE');
    assert.equal(byKey.get('auth.mode')?.kind, 'enum');
    assert.deepEqual(byKey.get('auth.mode')?.choices, ['presence', 'off']);
    assert.deepEqual([byKey.get('lambda.eventRetryDelaysMs')?.kind, byKey.get('lambda.eventRetryDelaysMs')?.flag], ['integer-list', 'lambda-event-retry-delays-ms']);
    assert.equal(byKey.has('functions'), false);
  });
});
