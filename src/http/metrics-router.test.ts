import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../engine/clock.js';
import { MetricsHub } from '../metrics/metrics-hub.js';
import { MetricsRouter } from './metrics-router.js';

function request(method: string, url: string) {
  return { requestId: 'r', method, url, headers: {}, body: Buffer.alloc(0) };
}

describe('MetricsRouter', () => {
  test('claims GET /metrics only', () => {
    const router = new MetricsRouter(new MetricsHub({ clock: new ManualClock() }));
    assert.equal(router.claims(request('GET', '/metrics')), true);
    assert.equal(router.claims(request('GET', '/metrics?x=1')), true);
    assert.equal(router.claims(request('POST', '/metrics')), false);
    assert.equal(router.claims(request('GET', '/metrics/x')), false);
    assert.equal(router.claims(request('GET', '/')), false);
  });

  test('answers the exposition with its content type', async () => {
    const hub = new MetricsHub({ clock: new ManualClock() });
    hub.counter('lambda:Invocations', { FunctionName: 'f' }).add(2);
    const answer = await new MetricsRouter(hub).handle();
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['Content-Type'], 'text/plain; version=0.0.4; charset=utf-8');
    assert.match(answer.body.toString(), /^tributary_lambda_invocations_total\{function_name="f"\} 2$/m);
  });
});
