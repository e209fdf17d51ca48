// Runs functions of kind 'http': the event is POSTed as JSON to the function's URL and the
// response body is the result, so a consumer can be written in any language. Headers mirror
// Lambda's runtime API (request id, deadline, invoked ARN); non-2xx answers are function errors.

import { performance } from 'node:perf_hooks';
import type { FunctionDefinition } from '../function-definition.js';
import { FunctionNotReadyError, FunctionThrottledError } from '../function-invoker.js';
import { ConcurrencyGate } from './concurrency-gate.js';
import { MAX_RESPONSE_BYTES, responseTooLargePayload, timeoutPayload } from './runtime-error-payloads.js';
import type { ErrorPayload } from './worker-protocol.js';

export interface HttpCall {
  readonly requestId: string;
  readonly payload: Buffer;
  readonly invokedFunctionArn: string;
  readonly clientContext?: string;
}

export interface HttpOutcome {
  readonly body?: Buffer;
  readonly error?: ErrorPayload;
  readonly durationMs: number;
}

/** Errors that mean the request never reached a listening endpoint (nothing ran). */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function errorCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

function httpErrorPayload(status: number, statusText: string, body: Buffer): ErrorPayload {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    if (parsed && typeof parsed === 'object' && typeof (parsed as { errorMessage?: unknown }).errorMessage === 'string') return parsed as ErrorPayload;
  } catch {
    // not a Lambda-shaped error: described below
  }
  const text = body.toString('utf8', 0, Math.min(body.length, 256));
  return { errorType: 'HttpEndpointError', errorMessage: `Endpoint returned HTTP ${status}${statusText ? ` ${statusText}` : ''}${text ? `: ${text}` : ''}`, trace: [] };
}

export class HttpFunctionInvoker {
  private readonly gates = new Map<string, { revisionId: string; gate: ConcurrencyGate }>();

  constructor(private readonly maxQueued: number) {}

  /**
   * POSTs the event; resolves with the body or a function error (non-2xx, timeout as
   * Sandbox.Timedout, oversized answer). Rejects with FunctionThrottledError when the function's
   * concurrency and waiting line are full, FunctionNotReadyError when the endpoint is unreachable.
   */
  async invoke(definition: FunctionDefinition, call: HttpCall): Promise<HttpOutcome> {
    const gate = this.gateFor(definition);
    const entered = definition.concurrency <= 0 ? false : gate.enter();
    if (entered === false) throw new FunctionThrottledError(definition.name);
    if (entered !== true) await entered;
    const started = performance.now();
    const timeoutMs = Math.max(1, Math.round(definition.timeoutSeconds * 1000));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'lambda-runtime-aws-request-id': call.requestId,
      'lambda-runtime-deadline-ms': String(Date.now() + timeoutMs),
      'lambda-runtime-invoked-function-arn': call.invokedFunctionArn,
    };
    if (call.clientContext) headers['lambda-runtime-client-context'] = Buffer.from(call.clientContext, 'base64').toString('utf8');
    try {
      const response = await fetch(definition.endpointUrl ?? '', { method: 'POST', headers, body: call.payload, signal: AbortSignal.timeout(timeoutMs) });
      const body = Buffer.from(await response.arrayBuffer());
      const durationMs = performance.now() - started;
      if (!response.ok) return { error: httpErrorPayload(response.status, response.statusText, body), durationMs };
      if (body.length > MAX_RESPONSE_BYTES) return { error: responseTooLargePayload() as ErrorPayload, durationMs };
      return { body: body.length === 0 ? Buffer.from('null') : body, durationMs };
    } catch (err) {
      const durationMs = performance.now() - started;
      if ((err as Error).name === 'TimeoutError') return { error: timeoutPayload(call.requestId, definition.timeoutSeconds), durationMs };
      const code = errorCode(err);
      if (code && UNREACHABLE.has(code)) throw new FunctionNotReadyError(definition.name, definition.state, `endpoint ${definition.endpointUrl} unreachable (${code})`);
      return { error: { errorType: 'HttpEndpointError', errorMessage: `Request to endpoint failed: ${code ?? (err as Error).message}`, trace: [] }, durationMs };
    } finally {
      gate.leave();
    }
  }

  /** Rejects waiting calls; running ones finish. */
  close(): void {
    for (const { gate } of this.gates.values()) gate.close();
    this.gates.clear();
  }

  private gateFor(definition: FunctionDefinition): ConcurrencyGate {
    const current = this.gates.get(definition.name);
    if (current && current.revisionId === definition.revisionId) return current.gate;
    const gate = new ConcurrencyGate(definition.concurrency, this.maxQueued);
    this.gates.set(definition.name, { revisionId: definition.revisionId, gate });
    return gate;
  }
}
