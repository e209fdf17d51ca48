// A JsonRpcService stand-in for the http layer's tests: records what it was asked and answers
// with a canned output or error.

import type { JsonRpcService, OperationOutput, RequestContext } from '../api/operation.js';

export interface FakeCall {
  readonly operation: string;
  readonly body: unknown;
  readonly wire: 'json' | 'cbor';
  readonly ctx: RequestContext;
}

export class FakeService implements JsonRpcService {
  readonly targetPrefix = 'Kinesis_20131202';
  readonly signingName = 'kinesis';
  readonly jsonVersion = '1.1' as const;
  readonly calls: FakeCall[] = [];
  /** What the next invocations do: resolve with an output, or throw. */
  behaviour: (call: FakeCall) => Promise<OperationOutput> = async () => ({ StreamNames: [], HasMoreStreams: false });

  constructor(private readonly operations: readonly string[] = ['ListStreams', 'PutRecord', 'Slow']) {}

  hasOperation(name: string): boolean {
    return this.operations.includes(name);
  }

  invoke(operation: string, body: unknown, wire: 'json' | 'cbor', ctx: RequestContext): Promise<OperationOutput> {
    const call = { operation, body, wire, ctx };
    this.calls.push(call);
    return this.behaviour(call);
  }
}
