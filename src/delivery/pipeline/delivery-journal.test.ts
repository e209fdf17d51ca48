import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SinkBatch } from '../sink.js';
import { DeliveryJournal } from './delivery-journal.js';

const batch = (key: string, records: number, bodyBytes: number): SinkBatch => ({
  objectKey: key,
  body: Buffer.alloc(bodyBytes),
  records: Array.from({ length: records }, (_, i) => ({ recordId: `r${i}`, data: Buffer.from('x'), approximateArrivalTimestamp: 0 })),
});

function journal(capacity?: number, maxStreams?: number, maxPending?: number): { j: DeliveryJournal; at(ms: number): void } {
  let now = 1000;
  const j = new DeliveryJournal({ now: () => now, ...(capacity ? { capacity } : {}), ...(maxStreams ? { maxStreams } : {}), ...(maxPending ? { maxPending } : {}) });
  return { j, at: (ms) => (now = ms) };
}

describe('DeliveryJournal', () => {
  test('an unknown stream has empty rings, zero totals and empty levels', () => {
    const { j } = journal();
    assert.deepEqual(j.snapshot('none'), {
      levels: { bufferedBytes: 0, oldestBufferedMs: null, spooledBytes: 0 },
      delivered: [], failures: [], totals: { deliveries: 0, deliveredRecords: 0, deliveredBytes: 0, failedAttempts: 0 },
    });
  });

  test('deliveries are kept newest first with records, bytes, time and totals', () => {
    const { j, at } = journal();
    at(5000);
    j.delivered('s', 'main', batch('a', 3, 30));
    at(6000);
    j.delivered('s', 'error', batch('b', 1, 7));
    const snap = j.snapshot('s');
    assert.deepEqual(snap.delivered, [
      { role: 'error', key: 'b', records: 1, bytes: 7, atMs: 6000, attempts: 1 },
      { role: 'main', key: 'a', records: 3, bytes: 30, atMs: 5000, attempts: 1 },
    ]);
    assert.deepEqual(snap.totals, { deliveries: 2, deliveredRecords: 4, deliveredBytes: 37, failedAttempts: 0 });
  });

  test('failed attempts of one batch are counted until it is delivered', () => {
    const { j, at } = journal();
    const b = batch('k1', 2, 10);
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    at(100);
    j.failed('s', 'main', b, err);
    at(200);
    j.failed('s', 'main', b, new TypeError('bad'));
    at(300);
    j.delivered('s', 'main', b);
    const snap = j.snapshot('s');
    assert.deepEqual(snap.failures, [
      { role: 'main', key: 'k1', records: 2, bytes: 10, errorType: 'TypeError', message: 'bad', atMs: 200, attempts: 2 },
      { role: 'main', key: 'k1', records: 2, bytes: 10, errorType: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1', atMs: 100, attempts: 1 },
    ]);
    assert.equal(snap.delivered[0]!.attempts, 3);
    assert.equal(snap.totals.failedAttempts, 2);
    j.failed('s', 'main', b, 'plain string');
    assert.deepEqual([j.snapshot('s').failures[0]!.attempts, j.snapshot('s').failures[0]!.errorType], [1, 'Error']);
  });

  test('each ring keeps only the newest `capacity` entries', () => {
    const { j } = journal(3);
    for (let i = 0; i < 10; i++) {
      j.delivered('s', 'main', batch(`d${i}`, 1, 1));
      j.failed('s', 'main', batch(`f${i}`, 1, 1), new Error('x'));
    }
    const snap = j.snapshot('s');
    assert.deepEqual(snap.delivered.map((d) => d.key), ['d9', 'd8', 'd7']);
    assert.deepEqual(snap.failures.map((d) => d.key), ['f9', 'f8', 'f7']);
    assert.equal(snap.totals.deliveries, 10);
  });

  test('attempt counting is bounded: the oldest failing batch is forgotten beyond maxPending', () => {
    const { j } = journal(10, 10, 2);
    j.failed('s', 'main', batch('a', 1, 1), new Error('x'));
    j.failed('s', 'main', batch('b', 1, 1), new Error('x'));
    j.failed('s', 'main', batch('c', 1, 1), new Error('x'));
    j.failed('s', 'main', batch('a', 1, 1), new Error('x'));
    assert.equal(j.snapshot('s').failures[0]!.attempts, 1, 'a was forgotten when c arrived');
    j.failed('s', 'main', batch('c', 1, 1), new Error('x'));
    assert.equal(j.snapshot('s').failures[0]!.attempts, 2);
  });

  test('levels: buffered bytes with the oldest arrival (Infinity = empty) and spooled bytes', () => {
    const { j } = journal();
    j.buffered('s', 1234, 900);
    j.spooled('s', 55);
    assert.deepEqual(j.snapshot('s').levels, { bufferedBytes: 1234, oldestBufferedMs: 900, spooledBytes: 55 });
    j.buffered('s', 0, Number.POSITIVE_INFINITY);
    assert.deepEqual(j.snapshot('s').levels, { bufferedBytes: 0, oldestBufferedMs: null, spooledBytes: 55 });
  });

  test('streams are bounded (least recently written forgotten) and forget() drops one', () => {
    const { j } = journal(10, 2);
    j.delivered('a', 'main', batch('1', 1, 1));
    j.delivered('b', 'main', batch('1', 1, 1));
    j.delivered('a', 'main', batch('2', 1, 1));
    j.delivered('c', 'main', batch('1', 1, 1));
    assert.equal(j.snapshot('b').delivered.length, 0);
    assert.equal(j.snapshot('a').delivered.length, 2);
    j.forget('a');
    assert.equal(j.snapshot('a').delivered.length, 0);
    assert.equal(j.snapshot('c').delivered.length, 1);
  });

  test('long error messages are cut to 500 characters', () => {
    const { j } = journal();
    j.failed('s', 'main', batch('k', 1, 1), new Error('m'.repeat(2000)));
    assert.equal(j.snapshot('s').failures[0]!.message.length, 500);
  });
});
