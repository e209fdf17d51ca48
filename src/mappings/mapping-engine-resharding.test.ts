import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { appendNotifierFor } from '../engine/streams/append-notifier.js';
import type { StreamSource } from '../engine/streams/stream-lookup.js';
import type { ShardState, StreamState } from '../engine/streams/stream-state.js';
import { MappingEngine } from './mapping-engine.js';
import { createHarness, mappingOf, settle, STREAM, STREAM_ARN, type Harness } from './engine/testing/engine-harness.js';
import pino from 'pino';

// shard 0 split into 1 and 2, which merged into 3; only 3 is open.
function lineage(): StreamState {
  const shard = (index: number, extra: Partial<ShardState>): ShardState => ({
    shardId: `shardId-00000000000${index}`, index, hashKeyStart: '0', hashKeyEnd: '1', createdAt: 1_000 + index, logKey: `rs/shardId-00000000000${index}`, ...extra,
  });
  return {
    name: STREAM, id: 'rs', arn: STREAM_ARN, status: 'ACTIVE', mode: 'PROVISIONED', createdAt: 0, retentionHours: 24 * 365 * 100,
    encryptionType: 'NONE', shardLevelMetrics: [], tags: {}, maxRecordSizeKiB: 1024,
    shards: [
      shard(0, { endingSequenceNumber: 'x' }),
      shard(1, { parentShardId: 'shardId-000000000000', endingSequenceNumber: 'x' }),
      shard(2, { parentShardId: 'shardId-000000000000', endingSequenceNumber: 'x' }),
      shard(3, { parentShardId: 'shardId-000000000001', adjacentParentShardId: 'shardId-000000000002' }),
    ],
  };
}

async function setup(h: Harness): Promise<MappingEngine> {
  const stream = lineage();
  for (const shard of stream.shards) {
    await h.log.createShard(shard.logKey);
    await h.log.append(shard.logKey, [0, 1, 2].map((i) => ({ partitionKey: `s${shard.index}-${i}`, data: Buffer.from('x') })), h.clock.now());
    if (shard.endingSequenceNumber !== undefined) await h.log.seal(shard.logKey);
  }
  const streams: StreamSource = { require: () => stream, list: () => [stream] };
  await h.engine.close();
  h.engine = new MappingEngine({
    streams, log: h.log, invoker: h.invoker, queues: h.queue, store: h.store, clock: h.clock, logger: pino({ level: 'silent' }),
    status: h.status, dataDir: h.dir, accountId: '000000000000', region: 'us-east-1', sleeper: h.sleeper, tuning: { retryBaseDelayMs: 0 },
  });
  return h.engine;
}

describe('MappingEngine: resharding', () => {
  test('children start only after their parents are finished (split, then merge), each from its first record', async () => {
    const h = await createHarness();
    try {
      const engine = await setup(h);
      await engine.apply(mappingOf({ batchSize: 2 }));
      await h.invoker.untilCalls(8);
      await settle();
      const order = h.invoker.calls.flatMap((c) => c.event.Records.map((r) => r.kinesis.partitionKey));
      const at = (key: string): number => order.indexOf(key);
      assert.equal(order.length, 12);
      assert.deepEqual(order.slice(0, 3), ['s0-0', 's0-1', 's0-2']);
      for (const child of ['s1-0', 's2-0']) assert.ok(at(child) > at('s0-2'));
      assert.ok(at('s3-0') > Math.max(at('s1-2'), at('s2-2')));
      assert.deepEqual(order.slice(-3), ['s3-0', 's3-1', 's3-2']);
      const eventIds = h.invoker.calls.map((c) => c.event.Records[0]!.eventID.split(':')[0]);
      assert.deepEqual(new Set(eventIds.slice(-2)), new Set(['shardId-000000000003']));
    } finally {
      await h.close();
    }
  });

  test('LATEST treats closed shards as finished and starts open shards at their end', async () => {
    const h = await createHarness();
    try {
      const engine = await setup(h);
      await engine.apply(mappingOf({ startingPosition: 'LATEST' }));
      await h.log.append('rs/shardId-000000000003', [{ partitionKey: 'new', data: Buffer.from('y') }], h.clock.now());
      appendNotifierFor(h.log).notify('rs/shardId-000000000003');
      await h.invoker.untilCalls(1);
      await settle();
      assert.deepEqual(h.invoker.batches(), [['new']]);
    } finally {
      await h.close();
    }
  });
});
