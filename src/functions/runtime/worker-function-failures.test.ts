import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createRuntimeFixture, type RuntimeFixture } from './runtime-test-fixture.js';

const json = (buffer: Buffer): Record<string, unknown> => JSON.parse(buffer.toString('utf8')) as Record<string, unknown>;
const event = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

describe('WorkerFunctionRuntime function errors', () => {
  let fx: RuntimeFixture;
  before(async () => {
    fx = await createRuntimeFixture();
  });
  after(async () => {
    await fx.close();
  });

  test('a thrown Error is an Unhandled function error with errorType, errorMessage and trace', async () => {
    await fx.deploy('boom', { 'index.mjs': 'export const handler = async () => { throw new TypeError("boom"); };' });
    const result = await fx.runtime.invoke({ functionName: 'boom', payload: event({}), requestId: 'r-boom', logTail: true });
    assert.equal(result.functionError, 'Unhandled');
    const payload = json(result.payload);
    assert.deepEqual(Object.keys(payload), ['errorType', 'errorMessage', 'trace']);
    assert.equal(payload.errorType, 'TypeError');
    assert.equal(payload.errorMessage, 'boom');
    const trace = payload.trace as string[];
    assert.equal(trace[0], 'TypeError: boom');
    assert.match(trace[1]!, /^ {4}at handler \(file:\/\/.*\/index\.mjs:1:\d+\)$/);
    const log = Buffer.from(result.logResult ?? '', 'base64').toString('utf8');
    assert.match(log, /\tr-boom\tERROR\tInvoke Error \t\{"errorType":"TypeError","errorMessage":"boom","stack":\["TypeError: boom",/);
  });

  test('non-Error throws and rejections are reported by type, and the instance stays warm', async () => {
    await fx.deploy('odd', { 'index.js': 'let n = 0; exports.handler = async (e) => { n++; if (e.kind === "string") throw "bad thing"; if (e.kind === "object") throw { a: 1 }; return n; };' }, { concurrency: 1 });
    const str = await fx.runtime.invoke({ functionName: 'odd', payload: event({ kind: 'string' }) });
    assert.deepEqual(json(str.payload), { errorType: 'string', errorMessage: 'bad thing', trace: [] });
    const obj = await fx.runtime.invoke({ functionName: 'odd', payload: event({ kind: 'object' }) });
    assert.deepEqual(json(obj.payload), { errorType: 'object', errorMessage: '[object Object]', trace: [] });
    assert.equal((await fx.runtime.invoke({ functionName: 'odd', payload: event({}) })).payload.toString(), '3');
  });

  test('callback(error) fails the invocation', async () => {
    await fx.deploy('cberr', { 'index.js': 'exports.handler = (e, c, cb) => cb(new Error("nope"));' });
    const result = await fx.runtime.invoke({ functionName: 'cberr', payload: event({}) });
    assert.equal(result.functionError, 'Unhandled');
    assert.equal(json(result.payload).errorMessage, 'nope');
  });

  test('a timeout terminates the instance and answers Sandbox.Timedout exactly as Lambda words it', async () => {
    await fx.deploy('sleepy', { 'index.mjs': 'let n = 0; export const handler = async (e) => { n++; console.log("start", n); if (e.hang) while (true) {} return n; };' }, { timeoutSeconds: 0.3, concurrency: 1 });
    const started = Date.now();
    const result = await fx.runtime.invoke({ functionName: 'sleepy', payload: event({ hang: true }), requestId: 'r-slow', logTail: true });
    assert.ok(Date.now() - started < 2000);
    assert.equal(result.functionError, 'Unhandled');
    assert.equal(result.payload.toString(), '{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: r-slow Error: Task timed out after 0.30 seconds"}');
    const log = Buffer.from(result.logResult ?? '', 'base64').toString('utf8');
    assert.match(log, /\tr-slow\tINFO\tstart 1\n\S+Z r-slow Task timed out after 0\.30 seconds\nEND RequestId: r-slow\n/);
    assert.equal((await fx.runtime.invoke({ functionName: 'sleepy', payload: event({}) })).payload.toString(), '1', 'a fresh instance');
  });

  test('a handler exiting the runtime is Runtime.ExitError', async () => {
    await fx.deploy('exit', { 'index.mjs': 'export const handler = async () => { process.exit(3); };' });
    const result = await fx.runtime.invoke({ functionName: 'exit', payload: event({}), requestId: 'r-exit' });
    assert.equal(result.functionError, 'Unhandled');
    assert.equal(result.payload.toString(), '{"errorType":"Runtime.ExitError","errorMessage":"RequestId: r-exit Error: Runtime exited with error: exit status 3"}');
  });

  test('an uncaught exception and an unhandled rejection fail the invocation and replace the instance', async () => {
    await fx.deploy('async-crash', {
      'index.mjs': 'let n = 0; export const handler = async (e) => { n++; if (e.throw) setTimeout(() => { throw new RangeError("later"); }); if (e.reject) Promise.reject(new Error("lost")); if (e.throw || e.reject) await new Promise((r) => setTimeout(r, 1000)); return n; };',
    }, { concurrency: 1 });
    const thrown = await fx.runtime.invoke({ functionName: 'async-crash', payload: event({ throw: true }) });
    assert.equal(thrown.functionError, 'Unhandled');
    assert.equal(json(thrown.payload).errorType, 'RangeError');
    assert.equal(json(thrown.payload).errorMessage, 'later');
    const rejected = await fx.runtime.invoke({ functionName: 'async-crash', payload: event({ reject: true }) });
    assert.deepEqual(json(rejected.payload), { errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'Error: lost', trace: ['Runtime.UnhandledPromiseRejection: Error: lost'] });
    assert.equal((await fx.runtime.invoke({ functionName: 'async-crash', payload: event({}) })).payload.toString(), '1');
  });

  test('running out of heap is Runtime.OutOfMemory', async () => {
    await fx.deploy('hog', { 'index.mjs': 'const keep = []; export const handler = async () => { for (;;) keep.push(new Array(100000).fill(Math.random())); };' }, { memoryMb: 32, timeoutSeconds: 20 });
    const result = await fx.runtime.invoke({ functionName: 'hog', payload: event({}), requestId: 'r-oom' });
    assert.equal(result.payload.toString(), '{"errorType":"Runtime.OutOfMemory","errorMessage":"RequestId: r-oom Error: Runtime exited with error: signal: killed"}');
  });

  test('a result over 6 MB is Function.ResponseSizeTooLarge; an unserialisable one an Error', async () => {
    await fx.deploy('huge', { 'index.mjs': 'export const handler = async (e) => { if (e.cycle) { const a = {}; a.a = a; return a; } return "x".repeat(6_291_556); };' });
    const big = await fx.runtime.invoke({ functionName: 'huge', payload: event({}) });
    assert.equal(big.functionError, 'Unhandled');
    assert.equal(big.payload.toString(), '{"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).","errorType":"Function.ResponseSizeTooLarge"}');
    const cycle = await fx.runtime.invoke({ functionName: 'huge', payload: event({ cycle: true }) });
    assert.equal(json(cycle.payload).errorType, 'Error');
    assert.equal(json(cycle.payload).errorMessage, 'Unable to stringify response body');
  });

  test('loading failures are reported as the Runtime.* init errors', async () => {
    await fx.deploy('missing-export', { 'index.mjs': 'export const other = 1;' });
    assert.deepEqual(json((await fx.runtime.invoke({ functionName: 'missing-export', payload: event({}) })).payload), {
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'index.handler is undefined or not exported',
      trace: ['Runtime.HandlerNotFound: index.handler is undefined or not exported'],
    });
    await fx.deploy('not-fn', { 'index.mjs': 'export const handler = 42;' });
    assert.equal(json((await fx.runtime.invoke({ functionName: 'not-fn', payload: event({}) })).payload).errorMessage, 'index.handler is not a function');
    await fx.deploy('no-module', { 'other.mjs': '' });
    const noModule = await fx.runtime.invoke({ functionName: 'no-module', payload: event({}) });
    assert.equal(noModule.functionError, 'Unhandled');
    assert.equal(json(noModule.payload).errorType, 'Runtime.ImportModuleError');
    assert.match(String(json(noModule.payload).errorMessage), /^Error: Cannot find module 'index'/);
    await fx.deploy('bad-handler', { 'index.mjs': '' }, { handler: 'index' });
    assert.deepEqual(json((await fx.runtime.invoke({ functionName: 'bad-handler', payload: event({}) })).payload), { errorType: 'Runtime.MalformedHandlerName', errorMessage: 'Bad handler', trace: ['Runtime.MalformedHandlerName: Bad handler'] });
    await fx.deploy('syntax', { 'index.mjs': 'export const handler = async () => {' });
    const syntax = json((await fx.runtime.invoke({ functionName: 'syntax', payload: event({}) })).payload);
    assert.equal(syntax.errorType, 'Runtime.UserCodeSyntaxError');
    assert.match(String(syntax.errorMessage), /^SyntaxError: /);
    await fx.deploy('ts-syntax', { 'index.ts': 'export const handler = async (): Promise<number> => {' });
    const tsSyntax = json((await fx.runtime.invoke({ functionName: 'ts-syntax', payload: event({}) })).payload);
    assert.equal(tsSyntax.errorType, 'Runtime.UserCodeSyntaxError');
    assert.match(String(tsSyntax.errorMessage), /^SyntaxError: .*index\.ts:1:\d+: Unexpected end of file$/);
    await fx.deploy('missing-dep', { 'index.mjs': 'import "left-pad-that-is-not-installed"; export const handler = async () => 1;' });
    assert.equal(json((await fx.runtime.invoke({ functionName: 'missing-dep', payload: event({}) })).payload).errorType, 'Runtime.ImportModuleError');
    await fx.deploy('init-throws', { 'index.mjs': 'throw new Error("cannot start"); export const handler = async () => 1;' });
    assert.equal(json((await fx.runtime.invoke({ functionName: 'init-throws', payload: event({}) })).payload).errorMessage, 'cannot start');
  });

  test('an invalid JSON event fails inside the function as a SyntaxError', async () => {
    await fx.deploy('parse', { 'index.mjs': 'export const handler = async (e) => e;' });
    const result = await fx.runtime.invoke({ functionName: 'parse', payload: Buffer.from('{nope') });
    assert.equal(result.functionError, 'Unhandled');
    assert.equal(json(result.payload).errorType, 'SyntaxError');
  });
});
