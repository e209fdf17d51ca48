import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { ShardState, StreamState } from '../engine/streams/stream-state.js';
import type { RecordLog } from '../storage/record-log.js';
import { streamView } from './stream-views.js';

const HALF = '170141183460469231731687303715884105727';
const MAX = '340282366920938463463374607431768211455';

function shard(index: number, start: string, end: string, extra: Partial<ShardState> = {}): ShardState {
  return { shardId: `shardId-${String(index).padStart(12, '0')}`, index, hashKeyStart: start, hashKeyEnd: end, createdAt: 1000, logKey: `s/${index}`, ...extra };
}

describe('streamView lineage', () => {
  test('a split shows the parent closed with its children, the children with their parent; counts from log bounds', () => {
    const stream = {
      name: 'x', id: 's', arn: 'arn:aws:kinesis:us-east-1:000000000000:stream/x', status: 'ACTIVE', mode: 'PROVISIONED', createdAt: 1000,
      retentionHours: 24, encryptionType: 'NONE', shardLevelMetrics: [], tags: {}, maxRecordSizeKiB: 1024,
      shards: [
        shard(0, '0', MAX, { endingSequenceNumber: '49100000000000000000000000000000000000000000000000000009' }),
        shard(1, '0', HALF, { parentShardId: 'shardId-000000000000' }),
        shard(2, (BigInt(HALF) + 1n).toString(), MAX, { parentShardId: 'shardId-000000000000' }),
      ],
    } as StreamState;
    const bounds: Record<string, { startOffset: number; endOffset: number; lastTimestamp: number | undefined; sealed: boolean }> = {
      's/0': { startOffset: 2, endOffset: 10, lastTimestamp: 5000, sealed: true },
      's/1': { startOffset: 0, endOffset: 3, lastTimestamp: 6000, sealed: false },
    };
    const log = { hasShard: (k: string) => k in bounds, bounds: (k: string) => bounds[k]! } as unknown as RecordLog;
    const view = streamView(stream, log);
    assert.equal(view.openShards, 2);
    assert.equal(view.storedRecords, 11);
    assert.deepEqual(view.shards.map((s) => [s.shardId, s.open, s.parentShardId, s.childShardIds, s.keySpaceShare, s.storedRecords, s.totalRecords, s.lastArrivalMs]), [
      ['shardId-000000000000', false, null, ['shardId-000000000001', 'shardId-000000000002'], 1, 8, 10, 5000],
      ['shardId-000000000001', true, 'shardId-000000000000', [], 0.5, 3, 3, 6000],
      ['shardId-000000000002', true, 'shardId-000000000000', [], 0.5, 0, 0, null],
    ]);
  });
});
