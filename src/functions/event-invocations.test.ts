import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EventInvocations } from './event-invocations.js';
import { FunctionThrottledError, type InvokeRequest, type InvokeResult } from './function-invoker.js';

describe('EventInvocations', () => {
  test('runs invocations in the background, refuses beyond maxPending, logs failures', async () => {
    const warnings: string[] = [];
    const releases: (() => void)[] = [];
    const invoker = {
      invoke: (request: InvokeRequest): Promise<InvokeResult> =>
        new Promise((resolve, reject) => {
          releases.push(() => {
            if (request.functionName === 'throttled') reject(new FunctionThrottledError('throttled'));
            else resolve({ requestId: 'r', payload: Buffer.from('null'), executedVersion: '$LATEST', durationMs: 0, ...(request.functionName === 'bad' && { functionError: 'Unhandled' as const }) });
          });
        }),
    };
    const events = new EventInvocations({ invoker, logger: { warn: (_obj, msg) => warnings.push(msg) }, maxPending: 2 });
    assert.equal(events.submit({ functionName: 'bad', payload: Buffer.from('{}') }), true);
    assert.equal(events.submit({ functionName: 'throttled', payload: Buffer.from('{}') }), true);
    assert.equal(events.submit({ functionName: 'ok', payload: Buffer.from('{}') }), false);
    assert.equal(events.size, 2);
    for (const release of releases) release();
    await events.drain();
    assert.equal(events.size, 0);
    assert.deepEqual(warnings.sort(), ['event invocation failed', 'event invocation not run']);
    assert.equal(events.submit({ functionName: 'ok', payload: Buffer.from('{}') }), true);
    releases[2]!();
    await events.drain();
  });
});
