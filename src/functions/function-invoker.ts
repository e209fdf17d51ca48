// The contract between whoever needs a function run (the Lambda Invoke API, event source mappings,
// later Firehose transforms) and the runtime that runs it (worker threads or an HTTP endpoint).

export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

export interface InvokeRequest {
  /** Function name (already resolved from any ARN form by the caller). */
  readonly functionName: string;
  /** `$LATEST` when absent. */
  readonly qualifier?: string;
  /** The event, JSON bytes. */
  readonly payload: Buffer;
  /** Request id to use as context.awsRequestId; generated when absent. */
  readonly requestId?: string;
  /** Return the last 4 KB of the invocation's log output (LogType: Tail). */
  readonly logTail?: boolean;
  /** Base64 client context (X-Amz-Client-Context), passed to context.clientContext. */
  readonly clientContext?: string;
}

export interface InvokeResult {
  readonly requestId: string;
  /** Set when the function failed (threw, rejected, timed out, crashed, returned too much). */
  readonly functionError?: 'Unhandled' | 'Handled';
  /**
   * The handler's result as JSON bytes (`null` when it returned undefined), or on a function error
   * Lambda's error object: {"errorType","errorMessage","trace"} /
   * {"errorType":"Sandbox.Timedout","errorMessage":"RequestId: <id> Error: Task timed out after 3.00 seconds"}.
   */
  readonly payload: Buffer;
  /** `$LATEST` or the version that ran. */
  readonly executedVersion: string;
  /** Base64 of the last 4 KB of log output, only when logTail was asked. */
  readonly logResult?: string;
  /** Milliseconds spent in function code. */
  readonly durationMs: number;
}

/**
 * Runs functions. Contract: resolves with an InvokeResult for every invocation in which the
 * function code ran (success or function error — a function error is NOT a rejection); rejects
 * only when the function could not be run at all, with one of the errors below.
 */
export interface FunctionInvoker {
  invoke(request: InvokeRequest): Promise<InvokeResult>;
}

/** The function does not exist (or that qualifier does not). */
export class FunctionNotFoundError extends Error {
  constructor(readonly functionName: string, readonly qualifier?: string) {
    super(`function ${functionName}${qualifier ? ':' + qualifier : ''} not found`);
    this.name = 'FunctionNotFoundError';
  }
}

/** No free instance within the function's concurrency limit (Lambda: 429 TooManyRequestsException). */
export class FunctionThrottledError extends Error {
  constructor(readonly functionName: string) {
    super(`function ${functionName} has no free concurrency`);
    this.name = 'FunctionThrottledError';
  }
}

/**
 * The function exists but cannot run now: not Active (Pending, Inactive, Failed), no code
 * directory, or the runtime is shut down (Lambda: 409 ResourceConflictException). Code that
 * cannot be loaded (missing module or export, syntax error, throwing at init) is NOT this error:
 * the function ran and failed, so the invocation resolves with a function error
 * (Runtime.ImportModuleError, Runtime.HandlerNotFound, ...) as Lambda reports it.
 */
export class FunctionNotReadyError extends Error {
  constructor(readonly functionName: string, readonly state: string, readonly reason: string) {
    super(`function ${functionName} is ${state}: ${reason}`);
    this.name = 'FunctionNotReadyError';
  }
}
