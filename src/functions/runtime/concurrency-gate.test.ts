import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConcurrencyGate, GateClosedError } from './concurrency-gate.js';

describe('ConcurrencyGate', () => {
  test('admits up to the limit, queues up to maxWaiting, then turns callers away', () => {
    const gate = new ConcurrencyGate(2, 1);
    assert.equal(gate.enter(), true);
    assert.equal(gate.enter(), true);
    const waiting = gate.enter();
    assert.ok(waiting instanceof Promise);
    assert.equal(gate.enter(), false);
    assert.deepEqual([gate.active, gate.queued], [2, 1]);
  });

  test('leave hands the slot to the oldest waiter, then frees it', async () => {
    const gate = new ConcurrencyGate(1, 5);
    assert.equal(gate.enter(), true);
    const order: number[] = [];
    const first = (gate.enter() as Promise<void>).then(() => order.push(1));
    const second = (gate.enter() as Promise<void>).then(() => order.push(2));
    gate.leave();
    await first;
    assert.deepEqual(order, [1]);
    assert.deepEqual([gate.active, gate.queued], [1, 1]);
    gate.leave();
    await second;
    gate.leave();
    assert.deepEqual(order, [1, 2]);
    assert.deepEqual([gate.active, gate.queued], [0, 0]);
  });

  test('close rejects waiters and later callers', async () => {
    const gate = new ConcurrencyGate(1, 5);
    gate.enter();
    const waiting = gate.enter() as Promise<void>;
    gate.close();
    await assert.rejects(waiting, GateClosedError);
    await assert.rejects(gate.enter() as Promise<void>, GateClosedError);
  });
});
