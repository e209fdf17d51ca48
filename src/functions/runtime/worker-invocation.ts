// One invocation inside a worker, with the Node.js Lambda runtime's completion rules: a returned
// promise settles it; otherwise callback/context.done/succeed/fail do, and with
// callbackWaitsForEmptyEventLoop (the default) the answer waits until the event loop is empty;
// if nothing answers, an empty event loop ends the invocation with `null`.

import { formattedError, intoError } from './runtime-error-payloads.js';
import type { InvokeMessage, WorkerSetup } from './worker-protocol.js';

export type InvocationOutcome = { readonly failed: false; readonly result: unknown } | { readonly failed: true; readonly error: unknown };

export type Handler = (event: unknown, context: object, callback: (error?: unknown, result?: unknown) => void) => unknown;

function isPromise(value: unknown): value is PromiseLike<unknown> {
  return Boolean(value) && typeof (value as { then?: unknown }).then === 'function';
}

export class WorkerInvocation {
  /** Called by the worker when its event loop runs empty (process 'beforeExit') during this invocation. */
  onEmptyLoop: (() => void) | undefined;
  private settled = false;
  private answered = false;
  private waitForEmptyLoop = true;

  /** `end` is called exactly once, with the outcome. */
  constructor(
    private readonly message: InvokeMessage,
    private readonly setup: WorkerSetup,
    private readonly end: (outcome: InvocationOutcome) => void,
  ) {}

  /** Calls the handler with the event decoded by `decodeEvent` (a decoding failure is a function error). */
  run(handler: Handler, decodeEvent: () => unknown): void {
    this.onEmptyLoop = () => this.complete(null);
    const once = <A extends unknown[]>(fn: (...args: A) => void) => (...args: A): void => {
      if (this.answered) return;
      this.answered = true;
      fn(...args);
    };
    const callback = once((error?: unknown, result?: unknown) => {
      this.onEmptyLoop = undefined;
      if (error !== undefined && error !== null) this.fail(error);
      else if (!this.waitForEmptyLoop) this.complete(result);
      else this.onEmptyLoop = () => setImmediate(() => this.complete(result));
    });
    const done = once((error?: unknown, result?: unknown) => {
      this.onEmptyLoop = undefined;
      if (error !== undefined && error !== null) this.fail(error);
      else this.complete(result);
    });
    const succeed = (result?: unknown): void => done(null, result);
    const fail = (error?: unknown): void => done(error === undefined || error === null ? 'handled' : error, null);
    try {
      const context = this.context(succeed, fail, done);
      const returned = handler(decodeEvent(), context, callback);
      if (isPromise(returned)) returned.then(succeed, fail);
    } catch (error) {
      callback(error);
    }
  }

  private context(succeed: (r?: unknown) => void, fail: (e?: unknown) => void, done: (e?: unknown, r?: unknown) => void): object {
    const { setup, message } = this;
    const deadline = message.deadlineMs;
    const clientContext = message.clientContext === undefined ? undefined : (JSON.parse(Buffer.from(message.clientContext, 'base64').toString('utf8')) as unknown);
    const invocation = this;
    return {
      get callbackWaitsForEmptyEventLoop(): boolean {
        return invocation.waitForEmptyLoop;
      },
      set callbackWaitsForEmptyEventLoop(value: boolean) {
        invocation.waitForEmptyLoop = value;
      },
      succeed,
      fail,
      done,
      functionVersion: setup.functionVersion,
      functionName: setup.functionName,
      memoryLimitInMB: setup.memoryLimitInMB,
      logGroupName: setup.logGroupName,
      logStreamName: setup.logStreamName,
      clientContext,
      identity: undefined,
      invokedFunctionArn: message.invokedFunctionArn,
      awsRequestId: message.requestId,
      getRemainingTimeInMillis: (): number => deadline - Date.now(),
    };
  }

  private fail(error: unknown): void {
    console.error('Invoke Error', formattedError(intoError(error)));
    this.settle({ failed: true, error });
  }

  private complete(result: unknown): void {
    this.settle({ failed: false, result });
  }

  private settle(outcome: InvocationOutcome): void {
    if (this.settled) return;
    this.settled = true;
    this.onEmptyLoop = undefined;
    this.end(outcome);
  }
}
