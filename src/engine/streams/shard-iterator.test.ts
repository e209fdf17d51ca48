import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { ManualClock } from '../clock.js';
import { SqliteStateStore } from '../../storage/sqlite/sqlite-state-store.js';
import { RecordError } from './record-errors.js';
import { ShardIteratorCodec, type IteratorPosition } from './shard-iterator.js';

const position: IteratorPosition = {
  streamName: 'orders',
  streamId: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6',
  shardIndex: 7,
  offset: 123_456_789_012,
  createdAt: 1_700_000_000_000,
};

function kindOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof RecordError) return err.detail.kind;
    throw err;
  }
  return 'none';
}

describe('ShardIteratorCodec', () => {
  const codec = new ShardIteratorCodec(crypto.randomBytes(32));

  test('round-trips a position', () => {
    const iterator = codec.encode(position);
    assert.deepEqual(codec.decode(iterator, position.createdAt), position);
  });

  test('iterators are base64 and fit the model maximum of 512 chars even for 128-char names', () => {
    const iterator = codec.encode({ ...position, streamName: 'n'.repeat(128), streamId: 'f'.repeat(64) });
    assert.match(iterator, /^[A-Za-z0-9+/]+=*$/);
    assert.ok(iterator.length <= 512, `length ${iterator.length}`);
  });

  test('two iterators for the same position differ (random IV)', () => {
    assert.notEqual(codec.encode(position), codec.encode(position));
  });

  test('rejects any altered byte as an invalid iterator', () => {
    const raw = Buffer.from(codec.encode(position), 'base64');
    for (let i = 0; i < raw.length; i++) {
      const altered = Buffer.from(raw);
      altered[i] = altered[i]! ^ 0x01;
      assert.equal(kindOf(() => codec.decode(altered.toString('base64'), position.createdAt)), 'invalid-shard-iterator', `byte ${i}`);
    }
  });

  test('rejects garbage, truncated and foreign-key iterators as invalid', () => {
    const iterator = codec.encode(position);
    const other = new ShardIteratorCodec(crypto.randomBytes(32));
    assert.equal(kindOf(() => codec.decode('not-an-iterator', 0)), 'invalid-shard-iterator');
    assert.equal(kindOf(() => codec.decode(iterator.slice(0, 40), 0)), 'invalid-shard-iterator');
    assert.equal(kindOf(() => codec.decode(`${iterator}AAAA`, 0)), 'invalid-shard-iterator');
    assert.equal(kindOf(() => other.decode(iterator, position.createdAt)), 'invalid-shard-iterator');
  });

  test('expires strictly after the TTL, measured on the injected clock', () => {
    const clock = new ManualClock(position.createdAt);
    const iterator = codec.encode(position);
    clock.advance(300_000);
    assert.equal(kindOf(() => codec.decode(iterator, clock.now())), 'none');
    clock.advance(1);
    try {
      codec.decode(iterator, clock.now());
      assert.fail('expected expiry');
    } catch (err) {
      assert.ok(err instanceof RecordError);
      assert.deepEqual(err.detail, { kind: 'expired-shard-iterator', createdAt: position.createdAt, now: position.createdAt + 300_001, ttlMs: 300_000 });
    }
  });

  test('the key is created once in the StateStore and reloaded after a restart', async () => {
    const store = new SqliteStateStore({ path: ':memory:' });
    await store.open();
    const key = await ShardIteratorCodec.loadKey(store);
    assert.equal(key.length, 32);
    const iterator = new ShardIteratorCodec(key).encode(position);
    const reloaded = await ShardIteratorCodec.loadKey(store);
    assert.deepEqual(reloaded, key);
    assert.deepEqual(new ShardIteratorCodec(reloaded).decode(iterator, position.createdAt), position);
    const entry = await store.get<{ key: string }>('settings', 'iterator-key');
    assert.equal(entry?.version, 1);
    await store.close();
  });
});
