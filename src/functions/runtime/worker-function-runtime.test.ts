import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FunctionNotFoundError, FunctionNotReadyError, FunctionThrottledError } from '../function-invoker.js';
import { createRuntimeFixture, type RuntimeFixture } from './runtime-test-fixture.js';

const json = (buffer: Buffer): unknown => JSON.parse(buffer.toString('utf8'));
const event = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

describe('WorkerFunctionRuntime', () => {
  let fx: RuntimeFixture;
  before(async () => {
    fx = await createRuntimeFixture();
  });
  after(async () => {
    await fx.close();
  });

  test('an async handler gets the event and Lambda context and its result comes back as JSON', async () => {
    await fx.deploy('ctx', {
      'index.mjs': `export const handler = async (event, context) => ({
        event, awsRequestId: context.awsRequestId, functionName: context.functionName, functionVersion: context.functionVersion,
        invokedFunctionArn: context.invokedFunctionArn, memoryLimitInMB: context.memoryLimitInMB, logGroupName: context.logGroupName,
        logStreamOk: /^\\d{4}\\/\\d{2}\\/\\d{2}\\/\\[\\$LATEST\\][0-9a-f]{32}$/.test(context.logStreamName),
        waits: context.callbackWaitsForEmptyEventLoop, remaining: context.getRemainingTimeInMillis(), clientContext: context.clientContext });`,
    }, { memoryMb: 256 });
    const clientContext = Buffer.from(JSON.stringify({ custom: { k: 'v' } })).toString('base64');
    const result = await fx.runtime.invoke({ functionName: 'ctx', payload: event({ a: [1, 'x'] }), requestId: 'req-1', qualifier: '$LATEST', clientContext });
    const { remaining, ...rest } = json(result.payload) as { remaining: number };
    assert.deepEqual(rest, {
      event: { a: [1, 'x'] },
      awsRequestId: 'req-1',
      functionName: 'ctx',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:ctx:$LATEST',
      memoryLimitInMB: '256',
      logGroupName: '/aws/lambda/ctx',
      logStreamOk: true,
      waits: true,
      clientContext: { custom: { k: 'v' } },
    });
    assert.ok(remaining > 2000 && remaining <= 3000, `remaining ${remaining}`);
    assert.equal(result.requestId, 'req-1');
    assert.equal(result.functionError, undefined);
    assert.equal(result.executedVersion, '$LATEST');
    assert.equal(result.logResult, undefined);
  });

  test('module scope persists between invocations of a warm instance', async () => {
    await fx.deploy('counter', { 'index.js': 'let n = 0; exports.handler = async () => ++n;' }, { concurrency: 1 });
    const results = [];
    for (let i = 0; i < 3; i++) results.push(json((await fx.runtime.invoke({ functionName: 'counter', payload: event({}) })).payload));
    assert.deepEqual(results, [1, 2, 3]);
  });

  test('undefined results become null and an empty payload is the event {}', async () => {
    await fx.deploy('empty', { 'index.mjs': 'export const handler = async (event) => { globalThis.seen = event; }; export const seen = (e) => globalThis.seen;' });
    const result = await fx.runtime.invoke({ functionName: 'empty', payload: Buffer.alloc(0) });
    assert.equal(result.payload.toString(), 'null');
  });

  test('the function sees its environment variables and the ones Lambda sets', async () => {
    const def = await fx.deploy('env', {
      'index.cjs': `exports.handler = async () => { const e = process.env; return [e.MY_VAR, e.AWS_LAMBDA_FUNCTION_NAME, e.AWS_LAMBDA_FUNCTION_VERSION,
        e.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, e.AWS_LAMBDA_LOG_GROUP_NAME, e.AWS_REGION, e.AWS_DEFAULT_REGION, e.AWS_EXECUTION_ENV, e._HANDLER, e.LAMBDA_TASK_ROOT,
        e.AWS_LAMBDA_LOG_STREAM_NAME.startsWith('20')]; };`,
    }, { environment: { MY_VAR: 'hello', AWS_REGION: 'ignored' } });
    const result = json((await fx.runtime.invoke({ functionName: 'env', payload: event({}) })).payload);
    assert.deepEqual(result, ['hello', 'env', '$LATEST', '128', '/aws/lambda/env', 'us-east-1', 'us-east-1', 'AWS_Lambda_nodejs20.x', 'index.handler', def.codeDir, true]);
  });

  test('handlers in subdirectories, nested export paths, TypeScript with relative imports', async () => {
    await fx.deploy('nested', { 'src/app.mjs': 'export const handlers = { main: async () => "nested" };' }, { handler: 'src/app.handlers.main' });
    assert.equal((await fx.runtime.invoke({ functionName: 'nested', payload: event({}) })).payload.toString(), '"nested"');
    await fx.deploy('ts', {
      'index.ts': `import type { KinesisStreamEvent, Context } from 'aws-lambda';
        import { double } from './lib/math.js';
        export const handler = async (event: KinesisStreamEvent, context: Context): Promise<number> => double(event.Records.length) + context.functionName.length;`,
      'lib/math.ts': 'export const double = (n: number): number => n * 2;',
    });
    assert.equal((await fx.runtime.invoke({ functionName: 'ts', payload: event({ Records: [1, 2, 3] }) })).payload.toString(), '8');
  });

  test('callback handlers answer through the callback, after the event loop empties unless told not to wait', async () => {
    await fx.deploy('cb', {
      'index.js': `let late = 0;
        exports.handler = (event, context, callback) => {
          context.callbackWaitsForEmptyEventLoop = event.wait;
          setTimeout(() => { late++; }, 30);
          callback(null, { late });
        };
        exports.read = (event, context, callback) => callback(null, late);`,
    }, { concurrency: 1 });
    assert.deepEqual(json((await fx.runtime.invoke({ functionName: 'cb', payload: event({ wait: true }) })).payload), { late: 0 });
    assert.deepEqual(json((await fx.runtime.invoke({ functionName: 'cb', payload: event({ wait: false }) })).payload), { late: 1 });
  });

  test('a callback handler that never answers ends with null once its event loop is empty', async () => {
    await fx.deploy('silent', { 'index.js': 'exports.handler = (event, context, callback) => { setTimeout(() => {}, 20); };' });
    const result = await fx.runtime.invoke({ functionName: 'silent', payload: event({}) });
    assert.equal(result.payload.toString(), 'null');
    assert.equal(result.functionError, undefined);
  });

  test('an async handler whose promise never settles also ends with null once nothing is left to run', async () => {
    await fx.deploy('forgotten', { 'index.mjs': 'export const handler = () => new Promise(() => {});' });
    const result = await fx.runtime.invoke({ functionName: 'forgotten', payload: event({}) });
    assert.equal(result.payload.toString(), 'null');
    assert.equal(result.functionError, undefined);
  });

  test('context.succeed and context.fail answer like the runtime does', async () => {
    await fx.deploy('legacy', { 'index.js': 'exports.handler = (event, context) => event.ok ? context.succeed({ ok: 1 }) : context.fail();' });
    assert.equal((await fx.runtime.invoke({ functionName: 'legacy', payload: event({ ok: true }) })).payload.toString(), '{"ok":1}');
    const failed = await fx.runtime.invoke({ functionName: 'legacy', payload: event({ ok: false }) });
    assert.equal(failed.functionError, 'Unhandled');
    assert.deepEqual(json(failed.payload), { errorType: 'string', errorMessage: 'handled', trace: [] });
  });

  test('LogType Tail returns the last 4 KB of START, console lines, END and REPORT; lines reach the server log', async () => {
    await fx.deploy('logs', { 'index.mjs': 'export const handler = async (e) => { console.log("hello %s", e.who); console.warn("careful"); process.stdout.write("raw\\n"); return 1; };' });
    const result = await fx.runtime.invoke({ functionName: 'logs', payload: event({ who: 'world' }), requestId: 'r-log', logTail: true });
    const lines = Buffer.from(result.logResult ?? '', 'base64').toString('utf8').split('\n');
    assert.equal(lines[0], 'START RequestId: r-log Version: $LATEST');
    assert.match(lines[1]!, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\tr-log\tINFO\thello world$/);
    assert.match(lines[2]!, /^\S+Z\tr-log\tWARN\tcareful$/);
    assert.equal(lines[3], 'raw');
    assert.equal(lines[4], 'END RequestId: r-log');
    assert.match(lines[5]!, /^REPORT RequestId: r-log\tDuration: \d+\.\d{2} ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d{2} ms\t$/);
    assert.equal(lines[6], '');
    const logged = fx.logged.filter((entry) => entry.obj.requestId === 'r-log').map((entry) => [entry.obj.functionName, entry.obj.logLevel, entry.msg]);
    assert.deepEqual(logged, [
      ['logs', 'INFO', 'hello world'],
      ['logs', 'WARN', 'careful'],
      ['logs', 'RAW', 'raw'],
    ]);
  });

  test('the log tail keeps only the last 4096 bytes', async () => {
    await fx.deploy('chatty', { 'index.mjs': 'export const handler = async () => { for (let i = 0; i < 200; i++) console.log("line " + i + " " + "x".repeat(40)); };' });
    const result = await fx.runtime.invoke({ functionName: 'chatty', payload: event({}), logTail: true });
    const tail = Buffer.from(result.logResult ?? '', 'base64');
    assert.equal(tail.length, 4096);
    assert.match(tail.toString('utf8'), /line 199 x{40}\nEND RequestId: [0-9a-f-]{36}\nREPORT RequestId: /);
  });

  test('a 0.5 MB event and result travel intact', async () => {
    await fx.deploy('big', { 'index.mjs': 'export const handler = async (event) => ({ n: event.Records.length, last: event.Records.at(-1) });' });
    const records = Array.from({ length: 500 }, (_, i) => ({ data: Buffer.alloc(800, i % 256).toString('base64'), seq: String(i) }));
    const payload = event({ Records: records });
    assert.ok(payload.length > 500_000);
    const result = await fx.runtime.invoke({ functionName: 'big', payload });
    assert.deepEqual(json(result.payload), { n: 500, last: records[499] });
    assert.equal(payload.length > 0, true, 'caller payload not detached');
    assert.equal(JSON.parse(payload.toString()).Records.length, 500);
  });

  test('a new revisionId reloads the pool with the new code and configuration', async () => {
    await fx.deploy('reload', { 'index.mjs': 'export const handler = async () => "v1";' });
    assert.equal((await fx.runtime.invoke({ functionName: 'reload', payload: event({}) })).payload.toString(), '"v1"');
    await fx.deploy('reload', { 'index.mjs': 'export const handler = async () => "v2:" + process.env.V;' }, { environment: { V: 'x' } });
    assert.equal((await fx.runtime.invoke({ functionName: 'reload', payload: event({}) })).payload.toString(), '"v2:x"');
    fx.reconfigure('reload', { environment: { V: 'y' } });
    assert.equal((await fx.runtime.invoke({ functionName: 'reload', payload: event({}) })).payload.toString(), '"v2:y"');
  });

  test('unknown functions and qualifiers are FunctionNotFoundError; non-Active ones FunctionNotReadyError', async () => {
    await assert.rejects(fx.runtime.invoke({ functionName: 'nope', payload: event({}) }), (err: unknown) => err instanceof FunctionNotFoundError && err.functionName === 'nope');
    await fx.deploy('pending', { 'index.mjs': 'export const handler = async () => 1;' }, { state: 'Pending' });
    await assert.rejects(fx.runtime.invoke({ functionName: 'pending', payload: event({}) }), (err: unknown) => err instanceof FunctionNotReadyError && err.state === 'Pending');
    fx.reconfigure('pending', { state: 'Active' });
    await assert.rejects(fx.runtime.invoke({ functionName: 'pending', qualifier: '7', payload: event({}) }), (err: unknown) => err instanceof FunctionNotFoundError && err.qualifier === '7');
  });

  test('concurrency limits running instances; beyond the waiting line invocations are throttled', async () => {
    const throttled = await createRuntimeFixture({ maxQueuedInvocations: 1 });
    try {
      await throttled.deploy('slow', { 'index.mjs': 'let running = 0, peak = 0; export const handler = async () => { peak = Math.max(peak, ++running); await new Promise((r) => setTimeout(r, 50)); running--; return peak; };' }, { concurrency: 1 });
      const first = throttled.runtime.invoke({ functionName: 'slow', payload: event({}) });
      const second = throttled.runtime.invoke({ functionName: 'slow', payload: event({}) });
      await assert.rejects(throttled.runtime.invoke({ functionName: 'slow', payload: event({}) }), (err: unknown) => err instanceof FunctionThrottledError && err.functionName === 'slow');
      assert.deepEqual([(await first).payload.toString(), (await second).payload.toString()], ['1', '1']);
      throttled.reconfigure('slow', { concurrency: 0 });
      await assert.rejects(throttled.runtime.invoke({ functionName: 'slow', payload: event({}) }), FunctionThrottledError);
    } finally {
      await throttled.close();
    }
  });

  test('concurrent invocations run on separate instances up to the concurrency', async () => {
    await fx.deploy('parallel', { 'index.mjs': 'const id = Math.random(); export const handler = async () => { await new Promise((r) => setTimeout(r, 40)); return id; };' }, { concurrency: 3 });
    const results = await Promise.all([0, 1, 2].map(() => fx.runtime.invoke({ functionName: 'parallel', payload: event({}) })));
    assert.equal(new Set(results.map((r) => r.payload.toString())).size, 3);
  });

  test('idle instances are stopped after idleTimeoutMs (clock time); the next call starts a fresh one', async () => {
    await fx.deploy('idle', { 'index.mjs': 'let n = 0; export const handler = async () => ++n;' }, { concurrency: 1 });
    assert.equal((await fx.runtime.invoke({ functionName: 'idle', payload: event({}) })).payload.toString(), '1');
    fx.clock.advance(599_000);
    fx.runtime.sweep();
    assert.equal((await fx.runtime.invoke({ functionName: 'idle', payload: event({}) })).payload.toString(), '2');
    fx.clock.advance(600_001);
    fx.runtime.sweep();
    assert.equal((await fx.runtime.invoke({ functionName: 'idle', payload: event({}) })).payload.toString(), '1');
  });

  test('close refuses running, waiting and later invocations with FunctionNotReadyError (not function errors)', async () => {
    const closing = await createRuntimeFixture();
    await closing.deploy('f', { 'index.mjs': 'export const handler = async (e) => { if (e.slow) await new Promise((r) => setTimeout(r, 5000)); return 1; };' }, { concurrency: 1 });
    assert.equal((await closing.runtime.invoke({ functionName: 'f', payload: event({}) })).payload.toString(), '1');
    const running = closing.runtime.invoke({ functionName: 'f', payload: event({ slow: true }) });
    const waiting = closing.runtime.invoke({ functionName: 'f', payload: event({}) });
    const refused = [assert.rejects(running, FunctionNotReadyError), assert.rejects(waiting, FunctionNotReadyError)];
    await new Promise((resolve) => setTimeout(resolve, 50));
    await closing.close();
    await Promise.all(refused);
    await assert.rejects(closing.runtime.invoke({ functionName: 'f', payload: event({}) }), FunctionNotReadyError);
  });
});
