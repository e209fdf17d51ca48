import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import type { InvokeRequest, InvokeResult } from './function-invoker.js';
import { UrlGatedInvoker } from './url-gated-invoker.js';

function recording() {
  const seen: string[] = [];
  const invoker = {
    invoke: async (request: InvokeRequest): Promise<InvokeResult> => {
      seen.push(request.functionName);
      return { requestId: 'r', payload: Buffer.from('null'), executedVersion: '$LATEST', durationMs: 0 };
    },
  };
  return { invoker, seen };
}

// The gate's timers are unref'd (a server's listener keeps the process alive); so does this.
async function alive<T>(body: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => undefined, 1000);
  try {
    return await body();
  } finally {
    clearInterval(timer);
  }
}

const request = (functionName: string): InvokeRequest => ({ functionName, payload: Buffer.from('{}') });

describe('UrlGatedInvoker', () => {
  test('passes invocations straight on once the URL is known', async () => {
    const { invoker, seen } = recording();
    const gated = new UrlGatedInvoker(invoker, () => 'http://127.0.0.1:1');
    await gated.invoke(request('a'));
    assert.deepEqual(seen, ['a']);
  });

  test('holds invocations until the URL is known, then runs them in order', () => alive(async () => {
    const { invoker, seen } = recording();
    let url = '';
    const gated = new UrlGatedInvoker(invoker, () => url, 1);
    const both = Promise.all([gated.invoke(request('a')), gated.invoke(request('b'))]);
    for (let i = 0; i < 5; i++) await tick();
    assert.deepEqual(seen, []);
    url = 'http://127.0.0.1:1';
    await both;
    assert.deepEqual(seen, ['a', 'b']);
  }));

  test('close() releases held invocations', () => alive(async () => {
    const { invoker, seen } = recording();
    const gated = new UrlGatedInvoker(invoker, () => '', 60_000);
    const held = gated.invoke(request('a'));
    await tick();
    gated.close();
    await held;
    assert.deepEqual(seen, ['a']);
  }));
});
