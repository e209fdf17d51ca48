// Entry point of a function's worker thread: loads the handler module once (module scope then
// persists between invocations of this warm instance), then runs one invocation at a time as the
// main thread sends them. Output is captured by LogCapture; results go back as transferred bytes.

import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { LogCapture } from './log-capture.js';
import { MAX_RESPONSE_BYTES, errorPayloadOf, formattedError, responseTooLargePayload, runtimeError } from './runtime-error-payloads.js';
import { WorkerInvocation, type Handler, type InvocationOutcome } from './worker-invocation.js';
import type { ErrorPayload, FromWorkerMessage, InvokeMessage, WorkerSetup } from './worker-protocol.js';

const port = parentPort!;
const setup = workerData as WorkerSetup;
const decoder = new TextDecoder();
const encoder = new TextEncoder();
const capture = new LogCapture((line) => post({ type: 'log', logs: [line] }));
let ready = false;
let active: { invocation: WorkerInvocation; requestId: string; started: number } | undefined;

function post(message: FromWorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const buffer = bytes.buffer as ArrayBuffer;
  return bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength ? buffer : buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

function lookup(root: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value === null || value === undefined ? undefined : (value as Record<string, unknown>)[key]), root);
}

async function loadHandler(): Promise<Handler> {
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(setup.moduleUrl)) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof SyntaxError) throw runtimeError('UserCodeSyntaxError', String(err));
    const code = (err as { code?: unknown }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') throw runtimeError('ImportModuleError', String(err));
    throw err;
  }
  const handler = lookup(namespace, setup.exportPath) ?? lookup(namespace.default, setup.exportPath);
  if (!handler) throw runtimeError('HandlerNotFound', `${setup.handler} is undefined or not exported`);
  if (typeof handler !== 'function') throw runtimeError('HandlerNotFound', `${setup.handler} is not a function`);
  return handler as Handler;
}

function finish(message: InvokeMessage, started: number, outcome: InvocationOutcome): void {
  const { requestId } = message;
  active = undefined;
  const durationMs = performance.now() - started;
  let error: ErrorPayload | undefined;
  let body: ArrayBuffer | undefined;
  if (outcome.failed) {
    error = errorPayloadOf(outcome.error);
  } else {
    let json: string | undefined;
    try {
      json = JSON.stringify(outcome.result === undefined ? null : outcome.result);
    } catch {
      const failure = new Error('Unable to stringify response body');
      console.error('Invoke Error', formattedError(failure));
      error = errorPayloadOf(failure);
    }
    if (json !== undefined) {
      const bytes = encoder.encode(json);
      if (bytes.byteLength > MAX_RESPONSE_BYTES) error = responseTooLargePayload();
      else body = ownBuffer(bytes);
    }
  }
  const heapUsedMb = message.report ? Math.ceil(getHeapStatistics().used_heap_size / 1_048_576) : undefined;
  post({ type: 'result', requestId, body, error, durationMs, heapUsedMb, fatal: false }, body ? [body] : []);
  port.ref();
}

function invoke(handler: Handler, message: InvokeMessage): void {
  port.unref(); // lets an empty event loop be noticed ('beforeExit') while the invocation runs
  const started = performance.now();
  capture.requestId = message.requestId;
  const invocation = new WorkerInvocation(message, setup, (outcome) => finish(message, started, outcome));
  active = { invocation, requestId: message.requestId, started };
  invocation.run(handler, () => (message.payload.byteLength === 0 ? {} : JSON.parse(decoder.decode(new Uint8Array(message.payload)))));
}

/** An error outside the handler's control flow ends this instance, failing the current invocation. */
function fatal(label: string, error: unknown): void {
  console.error(label, formattedError(error));
  if (!ready) post({ type: 'init-error', error: errorPayloadOf(error) });
  else if (active) {
    const { requestId, started } = active;
    active = undefined;
    post({ type: 'result', requestId, error: errorPayloadOf(error), durationMs: performance.now() - started, fatal: true });
  } else post({ type: 'result', requestId: '', error: errorPayloadOf(error), durationMs: 0, fatal: true });
  setInterval(() => undefined, 1 << 30); // stay alive until the main thread terminates this instance
}

process.on('uncaughtException', (error) => fatal('Uncaught Exception', error));
process.on('unhandledRejection', (reason) => fatal('Unhandled Promise Rejection', runtimeError('UnhandledPromiseRejection', String(reason))));
process.on('beforeExit', () => active?.invocation.onEmptyLoop?.());

const initStarted = performance.now();
capture.install();
loadHandler().then(
  (handler) => {
    ready = true;
    port.on('message', (message: InvokeMessage) => invoke(handler, message));
    post({ type: 'ready', initDurationMs: performance.now() - initStarted });
  },
  (error: unknown) => fatal('Uncaught Exception', error),
);
