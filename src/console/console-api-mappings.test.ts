import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { MappingDefinition } from '../mappings/mapping-definition.js';
import { MappingNotFoundError } from '../mappings/mapping-registry-errors.js';
import type { MappingStatus } from '../metrics/metrics-hub.js';
import type { ConsoleMetrics, MappingPort } from './console-deps.js';
import { FunctionLogRing } from './function-log-ring.js';
import { FunctionStats } from './function-stats.js';
import { InvocationErrors } from './invocation-errors.js';
import { createStack, T0, type Stack } from './console-stack.test-support.js';

const UUID = '11111111-2222-4333-8444-555555555555';
const ARN = 'arn:aws:kinesis:us-east-1:000000000000:stream/orders';

function definition(overrides: Partial<MappingDefinition> = {}): MappingDefinition {
  return {
    uuid: UUID, arn: `arn:aws:lambda:us-east-1:000000000000:event-source-mapping:${UUID}`, eventSourceArn: ARN, functionName: 'fn',
    functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:fn', enabled: true, state: 'Enabled', batchSize: 100,
    maximumBatchingWindowInSeconds: 0, startingPosition: 'TRIM_HORIZON', parallelizationFactor: 1, maximumRetryAttempts: -1,
    maximumRecordAgeInSeconds: -1, bisectBatchOnFunctionError: false, reportBatchItemFailures: false, tumblingWindowInSeconds: 0,
    filterPatterns: [], lastModified: T0, lastProcessingResult: 'PROBLEM: Function call failed', stateTransitionReason: 'User action', echoed: {},
    ...overrides,
  };
}

class FakeMappings implements MappingPort {
  readonly calls: unknown[] = [];
  list(): MappingDefinition[] {
    return [definition()];
  }
  async setEnabled(uuid: string, enabled: boolean): Promise<MappingDefinition> {
    if (uuid !== UUID) throw new MappingNotFoundError(uuid);
    this.calls.push(['setEnabled', uuid, enabled]);
    return definition({ enabled, state: enabled ? 'Enabling' : 'Disabling' });
  }
  async rewind(uuid: string, position: string, timestampMs?: number): Promise<void> {
    this.calls.push(['rewind', uuid, position, timestampMs]);
  }
}

describe('console API: mappings and functions', () => {
  let s: Stack;
  let puts: { seq: string; shardId: string }[];
  before(async () => {
    s = await createStack();
    puts = await s.put([['k', '{"order":1}'], ['k', '{"order":2}']]);
  });
  after(() => s.close());

  function metricsWith(mappings: MappingStatus[]): ConsoleMetrics {
    return { series: () => ({ t: [], v: [] }), top: () => [], status: () => ({ atMs: T0, mappings, sources: {} }) };
  }

  test('mappings carry lanes with lag, state and reason; a retrying lane shows the record it is stuck on', async () => {
    const shardId = puts[0]!.shardId;
    const metrics = metricsWith([{
      uuid: UUID, functionName: 'fn', streamName: 'orders', state: 'Enabled',
      lanes: [
        { shardId, position: puts[0]!.seq, lagRecords: 1, lagMs: 4000, state: { kind: 'retrying', attempt: 2, maxAttempts: null, sinceMs: T0, lastError: 'Error: boom' }, reason: 'retrying batch 2 since 22:13:20' },
        { shardId: 'other', lagRecords: 2, lagMs: 9000, state: { kind: 'idle' }, reason: 'idle' },
      ],
    }]);
    const { status, json } = await s.call(s.deps({ metrics, mappings: new FakeMappings() }), 'GET', '/mappings');
    assert.equal(status, 200);
    const [m] = (json as { mappings: Record<string, unknown>[] }).mappings;
    assert.equal(m!['streamName'], 'orders');
    assert.equal(m!['lagRecords'], 3);
    assert.equal(m!['lagMs'], 9000);
    assert.equal(m!['lastProcessingResult'], 'PROBLEM: Function call failed');
    const lanes = m!['lanes'] as { reason: string; failingRecord: { sequenceNumber: string; data: { json: string } } | null }[];
    assert.deepEqual(lanes.map((l) => l.reason), ['retrying batch 2 since 22:13:20', 'idle']);
    assert.equal(lanes[0]!.failingRecord!.sequenceNumber, puts[0]!.seq);
    assert.equal(lanes[0]!.failingRecord!.data.json, '{\n  "order": 1\n}');
    assert.equal(lanes[1]!.failingRecord, null);
  });

  test('last errors: failures of the mapping\'s function on its stream, retries of one batch folded, newest first', async () => {
    let now = T0;
    const errors = new InvocationErrors({ now: () => now });
    const event = (arn: string, seq: string) => Buffer.from(JSON.stringify({ Records: [{ eventID: `shardId-000000000000:${seq}`, eventSourceARN: arn, kinesis: { partitionKey: 'k', sequenceNumber: seq, data: 'eA==' } }] }));
    const failing = errors.wrap({ invoke: async () => ({ requestId: 'r', functionError: 'Unhandled', payload: Buffer.from('{"errorType":"Error","errorMessage":"boom"}'), executedVersion: '$LATEST', durationMs: 1 }) });
    for (const [arn, seq] of [[ARN, '1'], [ARN, '1'], [`${ARN}-other`, '1'], [ARN, '1'], [ARN, '7']] as const) {
      now += 1000;
      await failing.invoke({ functionName: 'fn', payload: event(arn, seq) });
    }
    const { json } = await s.call(s.deps({ metrics: metricsWith([]), mappings: new FakeMappings(), invocationErrors: errors }), 'GET', '/mappings');
    const [m] = (json as { mappings: { recentErrors: { times: number; firstAtMs: number; atMs: number; errorMessage: string; batch: { firstSequenceNumber: string } }[] }[] }).mappings;
    assert.deepEqual(m!.recentErrors.map((e) => [e.batch.firstSequenceNumber, e.times, e.firstAtMs, e.atMs, e.errorMessage]), [
      ['7', 1, T0 + 5000, T0 + 5000, 'boom'],
      ['1', 3, T0 + 1000, T0 + 4000, 'boom'],
    ]);
  });

  test('enable, disable and rewind go to the mapping port; bad input is 400, unknown mapping 404', async () => {
    const port = new FakeMappings();
    const deps = s.deps({ mappings: port });
    assert.deepEqual(await s.call(deps, 'POST', `/mappings/${UUID}/disable`), { status: 200, json: { uuid: UUID, state: 'Disabling', enabled: false } });
    assert.deepEqual(await s.call(deps, 'POST', `/mappings/${UUID}/enable`), { status: 200, json: { uuid: UUID, state: 'Enabling', enabled: true } });
    assert.deepEqual(await s.call(deps, 'POST', `/mappings/${UUID}/rewind`, { position: 'TRIM_HORIZON' }), { status: 200, json: { uuid: UUID, rewoundTo: 'TRIM_HORIZON' } });
    assert.deepEqual(await s.call(deps, 'POST', `/mappings/${UUID}/rewind`, { position: 'AT_TIMESTAMP', timestampMs: T0 }), { status: 200, json: { uuid: UUID, rewoundTo: 'AT_TIMESTAMP', timestampMs: T0 } });
    assert.deepEqual(port.calls, [['setEnabled', UUID, false], ['setEnabled', UUID, true], ['rewind', UUID, 'TRIM_HORIZON', undefined], ['rewind', UUID, 'AT_TIMESTAMP', T0]]);
    assert.deepEqual(await s.call(deps, 'POST', `/mappings/${UUID}/rewind`, { position: 'LATEST' }), { status: 400, json: { error: 'position must be TRIM_HORIZON or AT_TIMESTAMP' } });
    assert.deepEqual(await s.call(deps, 'POST', `/mappings/${UUID}/rewind`, { position: 'AT_TIMESTAMP' }), { status: 400, json: { error: 'timestampMs (epoch ms) is required for AT_TIMESTAMP' } });
    assert.deepEqual((await s.call(deps, 'POST', '/mappings/nope/enable')).status, 404);
    assert.deepEqual((await s.call(s.deps(), 'POST', `/mappings/${UUID}/enable`)).json, { error: 'mappings are not available' });
  });

  test('functions show invocation stats with duration percentiles, the recent log lines and the last errors', async () => {
    const stats = new FunctionStats({ now: () => s.clock.now() });
    for (let i = 1; i <= 100; i++) stats.record('fn', { durationMs: i, error: i % 10 === 0 });
    stats.throttled('fn');
    const logs = new FunctionLogRing({ now: () => s.clock.now(), linesPerFunction: 2 });
    const tee = logs.tee({ info() {}, warn() {}, error() {}, debug() {} });
    tee.info({ functionName: 'fn', requestId: 'r1', logLevel: 'INFO' }, 'one');
    tee.info({ functionName: 'fn', requestId: 'r2', logLevel: 'RAW' }, 'two');
    tee.error({ functionName: 'fn', err: new Error('crashed') }, 'function failed');
    tee.info({ other: true }, 'not a function line');
    const record = { name: 'fn', runtime: 'nodejs20.x', handler: 'index.handler', state: 'Active', memoryMb: 128, timeoutSeconds: 3, lastModified: T0 };
    const errors = new InvocationErrors({ now: () => s.clock.now() });
    await errors.wrap({ invoke: async () => ({ requestId: 'r3', functionError: 'Unhandled', payload: Buffer.from('{"errorType":"TypeError","errorMessage":"x is undefined"}'), executedVersion: '$LATEST', durationMs: 1 }) })
      .invoke({ functionName: 'fn', payload: Buffer.from('{}') });
    const deps = s.deps({ functions: { list: () => [record as never] }, functionStats: stats, functionLogs: logs, invocationErrors: errors });
    const { json } = await s.call(deps, 'GET', '/functions');
    assert.deepEqual(json, {
      functions: [{
        name: 'fn', runtime: 'nodejs20.x', handler: 'index.handler', state: 'Active', memoryMb: 128, timeoutSeconds: 3, lastModifiedMs: T0,
        stats: { invocations: 100, errors: 10, throttles: 1, durationMs: { p50: 50, p90: 90, p99: 99, max: 100, samples: 100 }, lastInvokedMs: T0 },
        recentLogs: [
          { timeMs: T0, requestId: 'r2', level: 'RAW', message: 'two' },
          { timeMs: T0, requestId: null, level: 'ERROR', message: 'function failed: crashed' },
        ],
        recentErrors: [{ atMs: T0, functionName: 'fn', requestId: 'r3', errorType: 'TypeError', errorMessage: 'x is undefined', batch: null }],
      }],
    });
  });
});
