// The messages exchanged between the runtime (main thread) and a function's worker thread.
// Payload bytes travel as transferred ArrayBuffers, so a 0.5 MB event is never structurally cloned.

/** Lambda's error object, as the Node.js runtime reports it. */
export interface ErrorPayload {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

/** What a worker needs to load its function once, at start (passed as workerData). */
export interface WorkerSetup {
  /** file: URL of the module to import (the compiled file for TypeScript). */
  readonly moduleUrl: string;
  /** Export path inside the module, e.g. `handler` or `nested.handler`. */
  readonly exportPath: string;
  /** The handler setting as configured (used in HandlerNotFound messages). */
  readonly handler: string;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly memoryLimitInMB: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
}

/** One captured line of function output. `level` is absent for raw stdout/stderr writes. */
export interface LogLine {
  /** Epoch milliseconds when the line was written. */
  readonly time: number;
  readonly requestId: string | undefined;
  readonly level?: 'INFO' | 'DEBUG' | 'WARN' | 'ERROR' | 'TRACE' | 'FATAL';
  readonly message: string;
}

export interface InvokeMessage {
  readonly type: 'invoke';
  readonly requestId: string;
  /** The event as UTF-8 JSON bytes (transferred). */
  readonly payload: ArrayBuffer;
  /** Epoch milliseconds at which the invocation times out (for getRemainingTimeInMillis). */
  readonly deadlineMs: number;
  readonly invokedFunctionArn: string;
  /** Base64 JSON from X-Amz-Client-Context, when given. */
  readonly clientContext?: string;
  /** Also report the heap in use at the end (for the REPORT line of a LogType=Tail invocation). */
  readonly report?: boolean;
}

export type ToWorkerMessage = InvokeMessage;

export type FromWorkerMessage =
  | { readonly type: 'ready'; readonly initDurationMs: number }
  | { readonly type: 'init-error'; readonly error: ErrorPayload }
  | { readonly type: 'log'; readonly logs: readonly LogLine[] }
  | {
      readonly type: 'result';
      readonly requestId: string;
      /** UTF-8 JSON of the result (transferred), or undefined when `error` is set. */
      readonly body?: ArrayBuffer;
      readonly error?: ErrorPayload;
      readonly durationMs: number;
      /** Heap in use at the end, in MB, when the invocation asked for a report. */
      readonly heapUsedMb?: number;
      /** The worker exits right after this message (uncaught exception, unhandled rejection). */
      readonly fatal: boolean;
    };
