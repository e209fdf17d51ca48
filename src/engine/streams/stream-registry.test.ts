import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../clock.js';
import type { RecordLog } from '../../storage/record-log.js';
import { SqliteStateStore } from '../../storage/sqlite/sqlite-state-store.js';
import { StreamRegistry, type StreamRegistryOptions } from './stream-registry.js';
import {
  OnDemandStreamLimitExceededError,
  ShardLimitExceededError,
  StreamExistsError,
  StreamModeError,
  StreamNotActiveError,
  StreamNotFoundError,
  StreamReferenceError,
} from './stream-errors.js';

/** Only the shard bookkeeping the registry uses; data operations are not needed here. */
class FakeRecordLog implements Pick<RecordLog, 'createShard' | 'hasShard' | 'deleteShard' | 'listShards'> {
  readonly shards = new Set<string>();
  async createShard(shard: string): Promise<void> {
    this.shards.add(shard);
  }
  hasShard(shard: string): boolean {
    return this.shards.has(shard);
  }
  async deleteShard(shard: string): Promise<void> {
    this.shards.delete(shard);
  }
  listShards(): string[] {
    return [...this.shards];
  }
}

async function setup(overrides: Partial<StreamRegistryOptions> = {}) {
  const store = new SqliteStateStore({ path: ':memory:' });
  await store.open();
  const log = new FakeRecordLog();
  const clock = new ManualClock();
  const options: StreamRegistryOptions = {
    store,
    log: log as unknown as RecordLog,
    clock,
    accountId: '123456789012',
    region: 'eu-west-1',
    createDelayMs: 0,
    deleteDelayMs: 0,
    updateDelayMs: 0,
    shardLimit: 10,
    onDemandStreamCountLimit: 2,
    ...overrides,
  };
  const registry = new StreamRegistry(options);
  await registry.load();
  return { store, log, clock, registry, options };
}

describe('StreamRegistry', () => {
  test('creates a stream ACTIVE at once with even hash ranges and one log shard per shard', async () => {
    const { registry, log, clock } = await setup();
    const stream = await registry.create({ name: 's1', mode: 'PROVISIONED', shardCount: 3, tags: { a: 'b' } });
    assert.equal(stream.status, 'ACTIVE');
    assert.equal(stream.arn, 'arn:aws:kinesis:eu-west-1:123456789012:stream/s1');
    assert.match(stream.id, /^[a-z0-9]{20}-[a-z0-9]{3}$/);
    assert.equal(stream.retentionHours, 24);
    assert.equal(stream.maxRecordSizeKiB, 1024);
    assert.deepEqual(stream.tags, { a: 'b' });
    assert.deepEqual(
      stream.shards.map((s) => [s.shardId, s.index, s.hashKeyStart, s.hashKeyEnd, s.createdAt, s.logKey]),
      [
        ['shardId-000000000000', 0, '0', '113427455640312821154458202477256070484', clock.now(), `${stream.id}/shardId-000000000000`],
        ['shardId-000000000001', 1, '113427455640312821154458202477256070485', '226854911280625642308916404954512140969', clock.now(), `${stream.id}/shardId-000000000001`],
        ['shardId-000000000002', 2, '226854911280625642308916404954512140970', '340282366920938463463374607431768211455', clock.now(), `${stream.id}/shardId-000000000002`],
      ],
    );
    assert.deepEqual(log.listShards().sort(), stream.shards.map((s) => s.logKey).sort());
    assert.deepEqual(registry.require({ streamName: 's1' }), stream);
  });

  test('CREATING turns ACTIVE once createDelayMs has passed on the clock', async () => {
    const { registry, clock } = await setup({ createDelayMs: 500 });
    await registry.create({ name: 's', mode: 'PROVISIONED', shardCount: 1 });
    assert.equal(registry.require({ streamName: 's' }).status, 'CREATING');
    clock.advance(499);
    assert.equal(registry.require({ streamName: 's' }).status, 'CREATING');
    clock.advance(1);
    const active = registry.require({ streamName: 's' });
    assert.equal(active.status, 'ACTIVE');
    assert.equal(active.statusUntil, undefined);
  });

  test('ON_DEMAND streams start with 4 shards; PROVISIONED defaults to 4 too', async () => {
    const { registry } = await setup();
    assert.equal((await registry.create({ name: 'od', mode: 'ON_DEMAND' })).shards.length, 4);
    assert.equal((await registry.create({ name: 'pv', mode: 'PROVISIONED' })).shards.length, 4);
  });

  test('an existing name is refused, also while the old stream is DELETING', async () => {
    const { registry, clock } = await setup({ deleteDelayMs: 1000 });
    await registry.create({ name: 's', mode: 'PROVISIONED', shardCount: 1 });
    await assert.rejects(registry.create({ name: 's', mode: 'PROVISIONED', shardCount: 1 }), StreamExistsError);
    await registry.delete({ streamName: 's' });
    assert.equal(registry.require({ streamName: 's' }).status, 'DELETING');
    await assert.rejects(registry.create({ name: 's', mode: 'PROVISIONED', shardCount: 1 }), StreamExistsError);
    clock.advance(1000);
    assert.throws(() => registry.require({ streamName: 's' }), StreamNotFoundError);
    const again = await registry.create({ name: 's', mode: 'PROVISIONED', shardCount: 2 });
    assert.equal(again.shards.length, 2);
    await registry.close();
  });

  test('deletion removes the log shards and the stored entry when due', async () => {
    const { registry, clock, log, store } = await setup({ deleteDelayMs: 1000 });
    const s = await registry.create({ name: 's', mode: 'PROVISIONED', shardCount: 2 });
    await registry.delete({ streamName: 's' });
    await registry.delete({ streamName: 's' });
    await registry.finalizeDeletions();
    assert.equal(log.listShards().length, 2);
    clock.advance(1000);
    await registry.finalizeDeletions();
    assert.deepEqual(log.listShards(), []);
    assert.equal(await store.get('streams', 's'), undefined);
    assert.equal(log.hasShard(s.shards[0]!.logKey), false);
    await registry.close();
  });

  test('deleteDelayMs 0 deletes at once; a re-created stream gets a new id and new logs', async () => {
    const { registry, log } = await setup();
    const first = await registry.create({ name: 's', mode: 'PROVISIONED', shardCount: 1 });
    await registry.delete({ streamArn: first.arn });
    assert.throws(() => registry.require({ streamName: 's' }), StreamNotFoundError);
    assert.deepEqual(log.listShards(), []);
    const second = await registry.create({ name: 's', mode: 'PROVISIONED', shardCount: 1 });
    assert.notEqual(second.id, first.id);
    assert.deepEqual(log.listShards(), [second.shards[0]!.logKey]);
  });

  test('only ACTIVE streams can be deleted or updated', async () => {
    const { registry } = await setup({ createDelayMs: 10 });
    await registry.create({ name: 's', mode: 'PROVISIONED', shardCount: 1 });
    await assert.rejects(registry.delete({ streamName: 's' }), (e: unknown) => e instanceof StreamNotActiveError && e.status === 'CREATING');
    await assert.rejects(registry.update({ streamName: 's' }, () => ({ retentionHours: 48 })), StreamNotActiveError);
  });

  test('updates persist; transitions make the stream UPDATING for updateDelayMs', async () => {
    const { registry, clock, store } = await setup({ updateDelayMs: 200 });
    await registry.create({ name: 's', mode: 'PROVISIONED', shardCount: 1 });
    const plain = await registry.update({ streamName: 's' }, () => ({ retentionHours: 48 }));
    assert.equal(plain.status, 'ACTIVE');
    const enc = await registry.update({ streamName: 's' }, () => ({ encryptionType: 'KMS', keyId: 'alias/aws/kinesis' }), { transition: true });
    assert.equal(enc.status, 'UPDATING');
    await assert.rejects(registry.update({ streamName: 's' }, () => ({})), StreamNotActiveError);
    clock.advance(200);
    assert.equal(registry.require({ streamName: 's' }).status, 'ACTIVE');
    const stored = await store.get<{ retentionHours: number; keyId: string }>('streams', 's');
    assert.equal(stored?.value.retentionHours, 48);
    assert.equal(stored?.value.keyId, 'alias/aws/kinesis');
  });

  test('streams are named by name, ARN or both; mismatches and foreign ARNs are refused', async () => {
    const { registry } = await setup();
    const s = await registry.create({ name: 's', mode: 'PROVISIONED', shardCount: 1 });
    assert.equal(registry.require({ streamArn: s.arn }).name, 's');
    assert.equal(registry.require({ streamName: 's', streamArn: s.arn }).name, 's');
    assert.throws(() => registry.require({}), (e: unknown) => e instanceof StreamReferenceError && e.reason === 'missing');
    assert.throws(
      () => registry.require({ streamName: 'other', streamArn: s.arn }),
      (e: unknown) => e instanceof StreamReferenceError && e.reason === 'mismatch',
    );
    assert.throws(
      () => registry.require({ streamArn: 'arn:aws:kinesis:eu-west-1:999999999999:stream/s' }),
      (e: unknown) => e instanceof StreamNotFoundError && e.streamName === 's' && e.accountId === '999999999999',
    );
    assert.throws(() => registry.require({ streamArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/s' }), StreamNotFoundError);
  });

  test('the account shard limit counts open PROVISIONED shards', async () => {
    const { registry } = await setup();
    await registry.create({ name: 'a', mode: 'PROVISIONED', shardCount: 7 });
    await registry.create({ name: 'od', mode: 'ON_DEMAND' });
    await assert.rejects(
      registry.create({ name: 'b', mode: 'PROVISIONED', shardCount: 4 }),
      (e: unknown) => e instanceof ShardLimitExceededError && e.currentShards === 7 && e.limit === 10 && e.requestedShards === 4,
    );
    await registry.create({ name: 'b', mode: 'PROVISIONED', shardCount: 3 });
    assert.deepEqual(registry.limits(), { shardLimit: 10, openShardCount: 10, onDemandStreamCount: 1, onDemandStreamCountLimit: 2 });
  });

  test('the on-demand stream count limit applies to create and to mode switches', async () => {
    const { registry } = await setup();
    await registry.create({ name: 'a', mode: 'ON_DEMAND' });
    await registry.create({ name: 'b', mode: 'ON_DEMAND' });
    await assert.rejects(registry.create({ name: 'c', mode: 'ON_DEMAND' }), OnDemandStreamLimitExceededError);
    const p = await registry.create({ name: 'p', mode: 'PROVISIONED', shardCount: 1 });
    await assert.rejects(registry.setMode({ streamArn: p.arn }, 'ON_DEMAND'), OnDemandStreamLimitExceededError);
    const switched = await registry.setMode({ streamName: 'a' }, 'PROVISIONED');
    assert.equal(switched.mode, 'PROVISIONED');
    assert.equal((await registry.setMode({ streamArn: p.arn }, 'ON_DEMAND')).mode, 'ON_DEMAND');
  });

  test('warm throughput needs an ON_DEMAND stream and an enabled commitment', async () => {
    const { registry } = await setup();
    const p = await registry.create({ name: 'p', mode: 'PROVISIONED', shardCount: 1 });
    const od = await registry.create({ name: 'od', mode: 'ON_DEMAND' });
    await assert.rejects(registry.setWarmThroughput({ streamArn: p.arn }, 10), (e: unknown) => e instanceof StreamModeError && e.violation === 'warmThroughputNeedsOnDemand');
    await assert.rejects(registry.setWarmThroughput({ streamArn: od.arn }, 10), (e: unknown) => e instanceof StreamModeError && e.violation === 'warmThroughputNeedsCommitment');
    await registry.account.updateThroughputCommitment('ENABLED');
    assert.equal((await registry.setWarmThroughput({ streamArn: od.arn }, 10)).warmThroughputMiBps, 10);
  });

  test('a reloaded registry sees the same streams and recreates missing log shards', async () => {
    const { registry, store, log, options } = await setup({ createDelayMs: 100 });
    const s = await registry.create({ name: 's', mode: 'PROVISIONED', shardCount: 2 });
    await registry.close();
    await log.deleteShard(s.shards[1]!.logKey);
    const reloaded = new StreamRegistry({ ...options, store });
    await reloaded.load();
    assert.deepEqual(reloaded.require({ streamName: 's' }), s);
    assert.equal(log.hasShard(s.shards[1]!.logKey), true);
    assert.deepEqual(reloaded.list().map((x) => x.name), ['s']);
  });

  test('a deletion that came due while the server was down completes on load', async () => {
    const { registry, store, log, options, clock } = await setup({ deleteDelayMs: 5000 });
    await registry.create({ name: 's', mode: 'PROVISIONED', shardCount: 1 });
    await registry.delete({ streamName: 's' });
    await registry.close();
    clock.advance(6000);
    const reloaded = new StreamRegistry({ ...options, store });
    await reloaded.load();
    assert.deepEqual(reloaded.list(), []);
    assert.deepEqual(log.listShards(), []);
    assert.equal(await store.get('streams', 's'), undefined);
  });

  test('list is sorted by name and hides streams whose deletion is due', async () => {
    const { registry, clock } = await setup({ deleteDelayMs: 10 });
    for (const name of ['b', 'a', 'C']) await registry.create({ name, mode: 'PROVISIONED', shardCount: 1 });
    await registry.delete({ streamName: 'b' });
    assert.deepEqual(registry.list().map((s) => [s.name, s.status]), [['C', 'ACTIVE'], ['a', 'ACTIVE'], ['b', 'DELETING']]);
    clock.advance(10);
    assert.deepEqual(registry.list().map((s) => s.name), ['C', 'a']);
    await registry.close();
  });
});
