import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { InvokeResult } from '../../functions/function-invoker.js';
import { FunctionThrottledError } from '../../functions/function-invoker.js';
import { settleBatch, type RetryPolicy, type SettleHooks } from './batch-settler.js';
import type { Discard } from './failure-record.js';
import type { InvocationOutcome } from './invocation-outcome.js';
import type { EventRecord } from './kinesis-event.js';

function records(count: number, timestamp = 1000): EventRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    offset: i, sequenceNumber: `seq${i}`, timestamp, partitionKey: 'k', json: Buffer.from(`{"n":${i}}`), bytes: 7,
  }));
}

function result(n: number, functionError?: 'Unhandled'): InvokeResult {
  return { requestId: `req-${n}`, payload: Buffer.from('null'), executedVersion: '$LATEST', durationMs: 1, ...(functionError && { functionError }) };
}

interface Run {
  calls: number[][];
  resolved: number;
  discards: Discard[];
  backoffs: number[];
}

async function run(batch: EventRecord[], policy: Partial<RetryPolicy>, decide: (offsets: number[], call: number) => InvocationOutcome | 'ok' | 'fail', now = 1000): Promise<Run> {
  const out: Run = { calls: [], resolved: 0, discards: [], backoffs: [] };
  const hooks: SettleHooks = {
    policy: { maximumRetryAttempts: -1, maximumRecordAgeMs: -1, bisectBatchOnFunctionError: false, ...policy },
    now: () => now,
    invoke: async (rs) => {
      const offsets = rs.map((r) => r.offset);
      out.calls.push(offsets);
      const d = decide(offsets, out.calls.length);
      if (d === 'ok') return { kind: 'success', result: result(out.calls.length) };
      if (d === 'fail') return { kind: 'failure', result: result(out.calls.length, 'Unhandled') };
      return d;
    },
    resolved: (count) => {
      out.resolved += count;
    },
    discard: async (d) => {
      out.discards.push(d);
    },
    backoff: async (attempt) => {
      out.backoffs.push(attempt);
    },
  };
  await settleBatch(batch, hooks);
  return out;
}

describe('settleBatch', () => {
  test('a successful batch is invoked once and resolved whole', async () => {
    const r = await run(records(3), {}, () => 'ok');
    assert.deepEqual(r.calls, [[0, 1, 2]]);
    assert.equal(r.resolved, 3);
    assert.deepEqual(r.discards, []);
  });

  test('MaximumRetryAttempts 1: two invocations, then RetryAttemptsExhausted with count 2', async () => {
    const r = await run(records(1), { maximumRetryAttempts: 1 }, () => 'fail');
    assert.deepEqual(r.calls, [[0], [0]]);
    assert.deepEqual(r.backoffs, [1]);
    assert.equal(r.resolved, 1);
    assert.equal(r.discards.length, 1);
    const d = r.discards[0]!;
    assert.equal(d.condition, 'RetryAttemptsExhausted');
    assert.equal(d.approximateInvokeCount, 2);
    assert.equal(d.requestId, 'req-2');
    assert.deepEqual(d.response, { executedVersion: '$LATEST', functionError: 'Unhandled' });
  });

  test('MaximumRetryAttempts 0 discards after the first failure', async () => {
    const r = await run(records(2), { maximumRetryAttempts: 0 }, () => 'fail');
    assert.deepEqual(r.calls, [[0, 1]]);
    assert.equal(r.discards[0]!.approximateInvokeCount, 1);
    assert.deepEqual(r.backoffs, []);
  });

  test('a partial failure resolves the prefix, retries the tail and keeps counting (4 invocations for 3 retries)', async () => {
    const batch = records(3);
    const r = await run(batch, { maximumRetryAttempts: 3 }, (offsets, call) => ({
      kind: 'partial', firstFailed: offsets.indexOf(2), result: result(call),
    }));
    assert.deepEqual(r.calls, [[0, 1, 2], [2], [2], [2]]);
    assert.equal(r.resolved, 3);
    assert.equal(r.discards.length, 1);
    const d = r.discards[0]!;
    assert.deepEqual(d.records.map((x) => x.offset), [2]);
    assert.equal(d.approximateInvokeCount, 4);
    assert.deepEqual(d.response, { executedVersion: '$LATEST', functionError: null });
  });

  test('bisect splits 8 → 4 → 2 → 1 on the poison path without using retries; the poison record is retried alone', async () => {
    const r = await run(records(8), { maximumRetryAttempts: 2, bisectBatchOnFunctionError: true }, (offsets) => (offsets.includes(5) ? 'fail' : 'ok'));
    assert.deepEqual(r.calls, [[0, 1, 2, 3, 4, 5, 6, 7], [0, 1, 2, 3], [4, 5, 6, 7], [4, 5], [4], [5], [5], [5], [6, 7]]);
    assert.equal(r.resolved, 8);
    assert.equal(r.discards.length, 1);
    assert.deepEqual(r.discards[0]!.records.map((x) => x.offset), [5]);
    assert.equal(r.discards[0]!.approximateInvokeCount, 3);
    assert.deepEqual(r.backoffs, [1, 2]);
  });

  test('bisect gives the odd record to the first half', async () => {
    const r = await run(records(3), { maximumRetryAttempts: 0, bisectBatchOnFunctionError: true }, () => 'fail');
    assert.deepEqual(r.calls, [[0, 1, 2], [0, 1], [0], [1], [2]]);
    assert.equal(r.discards.length, 3);
  });

  test('with bisect on, a partial failure cuts at the failed record instead of halving', async () => {
    const r = await run(records(4), { maximumRetryAttempts: 1, bisectBatchOnFunctionError: true }, (offsets, call) =>
      offsets.length === 4 ? { kind: 'partial', firstFailed: 1, result: result(call) } : offsets[0] === 1 && offsets.length > 1 ? 'fail' : 'ok',
    );
    assert.deepEqual(r.calls, [[0, 1, 2, 3], [1, 2, 3], [1, 2], [1], [2], [3]]);
    assert.equal(r.resolved, 4);
    assert.deepEqual(r.discards, []);
  });

  test('an expired head is discarded without invoking (count 1, no response) and the rest is delivered at once', async () => {
    const batch = [...records(1, 0), ...records(5, 50_000).map((x, i) => ({ ...x, offset: i + 1 }))];
    const r = await run(batch, { maximumRecordAgeMs: 60_000, maximumRetryAttempts: 0 }, () => 'ok', 61_000);
    assert.deepEqual(r.calls, [[1, 2, 3, 4, 5]]);
    assert.equal(r.discards.length, 1);
    const d = r.discards[0]!;
    assert.equal(d.condition, 'RecordAgeExceeded');
    assert.equal(d.approximateInvokeCount, 1);
    assert.equal(d.response, undefined);
    assert.match(d.requestId, /^[0-9a-f-]{36}$/);
    assert.equal(r.resolved, 6);
  });

  test('a failing batch is retried until it is too old, then discarded with the invocation count', async () => {
    let now = 1000;
    const out: number[] = [];
    const discards: Discard[] = [];
    await settleBatch(records(1, 1000), {
      policy: { maximumRetryAttempts: -1, maximumRecordAgeMs: 60_000, bisectBatchOnFunctionError: false },
      now: () => now,
      invoke: async () => {
        out.push(now);
        return { kind: 'failure', result: result(out.length, 'Unhandled') };
      },
      resolved: () => {},
      discard: async (d) => void discards.push(d),
      backoff: async (attempt) => {
        now += 1000 * 2 ** (attempt - 1);
      },
    });
    assert.deepEqual(out, [1000, 2000, 4000, 8000, 16000, 32000]);
    assert.equal(discards[0]!.condition, 'RecordAgeExceeded');
    assert.equal(discards[0]!.approximateInvokeCount, 6);
    assert.equal(discards[0]!.requestId, 'req-6');
  });

  test('invoke errors before the function ran are retried with backoff and consume no retry', async () => {
    let call = 0;
    const r = await run(records(1), { maximumRetryAttempts: 0 }, (_, n) => {
      call = n;
      return n <= 3 ? { kind: 'not-run', error: new FunctionThrottledError('f') } : 'fail';
    });
    assert.equal(call, 4);
    assert.deepEqual(r.backoffs, [1, 2, 3]);
    assert.equal(r.discards[0]!.approximateInvokeCount, 1);
  });
});
