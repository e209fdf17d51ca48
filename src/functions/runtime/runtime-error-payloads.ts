// The error objects a function invocation returns on failure, shaped and worded as AWS Lambda's
// Node.js runtime and sandbox report them (errorType, errorMessage, trace).

import { types } from 'node:util';
import type { ErrorPayload } from './worker-protocol.js';

/** Lambda's response payload limit for synchronous invocations, in bytes. */
export const MAX_RESPONSE_BYTES = 6_291_556;

function looksLikeError(value: unknown): value is { name: string; message: string; stack: string } {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return Boolean(v.name && v.message && v.stack) && typeof v.name === 'string' && typeof v.message === 'string' && typeof v.stack === 'string';
}

/**
 * What the Node.js runtime reports for a thrown/rejected value: errors keep name, message and
 * the stack split into lines; anything else becomes {errorType: typeof, errorMessage: String(v)}.
 */
export function errorPayloadOf(error: unknown): ErrorPayload {
  try {
    if (types.isNativeError(error) || looksLikeError(error)) {
      const e = error as Error;
      return { errorType: e.name, errorMessage: e.message, trace: String(e.stack ?? '').split('\n') };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

/** An Error whose name is `Runtime.<kind>`, as the runtime's loader throws them. */
export function runtimeError(kind: 'ImportModuleError' | 'HandlerNotFound' | 'MalformedHandlerName' | 'UserCodeSyntaxError' | 'UnhandledPromiseRejection', message: string): Error {
  const error = new Error(message);
  error.name = `Runtime.${kind}`;
  error.stack = `${error.name}: ${message}`;
  return error;
}

/** The sandbox's answer when the function ran past its timeout. */
export function timeoutPayload(requestId: string, timeoutSeconds: number): ErrorPayload {
  return { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds` };
}

/** The sandbox's answer when the runtime exited during an invocation. */
export function exitPayload(requestId: string, exitCode: number): ErrorPayload {
  const reason = exitCode === 0 ? 'Runtime exited without providing a reason' : `Runtime exited with error: exit status ${exitCode}`;
  return { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: ${reason}` };
}

/** The sandbox's answer when the function ran out of memory (the runtime is killed). */
export function outOfMemoryPayload(requestId: string): ErrorPayload {
  return { errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed` };
}

/** Lambda's answer when the handler's result exceeds MAX_RESPONSE_BYTES (key order as AWS sends it). */
export function responseTooLargePayload(): { errorMessage: string; errorType: string } {
  return { errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`, errorType: 'Function.ResponseSizeTooLarge' };
}

/** How the runtime writes an error into the log: a tab, then JSON with errorType, errorMessage, stack lines. */
export function formattedError(error: unknown): string {
  try {
    return `\t${JSON.stringify(error, (_key, value: unknown) => withEnumerableProperties(value))}`;
  } catch {
    return `\t${JSON.stringify(errorPayloadOf(error))}`;
  }
}

function withEnumerableProperties(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const result = Object.assign({ errorType: value.name, errorMessage: value.message, code: (value as { code?: unknown }).code }, value) as unknown as Record<string, unknown>;
  if (typeof value.stack === 'string') result.stack = value.stack.split('\n');
  return result;
}

/** Non-Error failure values become Errors for logging, as the runtime does. */
export function intoError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
