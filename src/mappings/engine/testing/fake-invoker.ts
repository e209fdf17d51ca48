// FakeInvoker: a FunctionInvoker for mapping tests. Records every invocation with its parsed
// event, answers through a replaceable `respond` function, and lets tests await a call count.

import type { FunctionInvoker, InvokeRequest, InvokeResult } from '../../../functions/function-invoker.js';

/** What the fake function does: return a payload (JSON text), fail, or reject (not run). */
export type FakeResponse = { readonly payload?: string; readonly functionError?: 'Unhandled' | 'Handled' } | Error;

/** The event as a handler sees it (the fields tests look at). */
export interface TestEvent {
  readonly Records: readonly {
    readonly kinesis: { readonly partitionKey: string; readonly sequenceNumber: string; readonly data: string; readonly approximateArrivalTimestamp: number };
    readonly eventID: string;
    readonly eventSourceARN: string;
  }[];
  readonly window?: { readonly start: string; readonly end: string };
  readonly state?: Record<string, unknown>;
  readonly shardId?: string;
  readonly eventSourceARN?: string;
  readonly isFinalInvokeForWindow?: boolean;
  readonly isWindowTerminatedEarly?: boolean;
}

export interface FakeCall {
  readonly request: InvokeRequest;
  readonly event: TestEvent;
}

export class FakeInvoker implements FunctionInvoker {
  readonly calls: FakeCall[] = [];
  respond: (call: FakeCall, index: number) => FakeResponse | Promise<FakeResponse> = () => ({});
  private readonly watchers: { count: number; resolve: () => void }[] = [];

  async invoke(request: InvokeRequest): Promise<InvokeResult> {
    const call: FakeCall = { request, event: JSON.parse(request.payload.toString('utf8')) as TestEvent };
    this.calls.push(call);
    for (let i = this.watchers.length - 1; i >= 0; i--) {
      if (this.calls.length >= this.watchers[i]!.count) this.watchers.splice(i, 1)[0]!.resolve();
    }
    const response = await this.respond(call, this.calls.length - 1);
    if (response instanceof Error) throw response;
    return {
      requestId: request.requestId ?? 'no-request-id',
      payload: Buffer.from(response.payload ?? 'null'),
      executedVersion: '$LATEST',
      durationMs: 1,
      ...(response.functionError !== undefined && { functionError: response.functionError }),
    };
  }

  /** Resolves once at least `count` invocations have started. */
  untilCalls(count: number): Promise<void> {
    if (this.calls.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push({ count, resolve }));
  }

  /** The partition keys of each invocation's records. */
  batches(): string[][] {
    return this.calls.map((c) => c.event.Records.map((r) => r.kinesis.partitionKey));
  }
}
