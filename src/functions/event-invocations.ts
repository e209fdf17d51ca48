// Asynchronous invocations (Invoke with InvocationType Event): accepted at once, run in the
// background through the FunctionInvoker, with a bound on how many may wait. Failures are
// logged with the request id; there is no retry (AWS retries a failed event twice more).

import type { FunctionInvoker, InvokeRequest } from './function-invoker.js';

export interface EventInvocationsLogger {
  warn(obj: object, msg: string): void;
}

export interface EventInvocationsOptions {
  readonly invoker: FunctionInvoker;
  readonly logger: EventInvocationsLogger;
  /** Invocations accepted but not finished beyond which submit() refuses. */
  readonly maxPending: number;
}

export class EventInvocations {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly options: EventInvocationsOptions) {}

  /** Starts the invocation in the background; false (nothing started) when maxPending are running. */
  submit(request: InvokeRequest): boolean {
    if (this.pending.size >= this.options.maxPending) return false;
    const run = this.options.invoker.invoke(request).then(
      (result) => {
        if (result.functionError !== undefined) {
          this.options.logger.warn({ requestId: result.requestId, functionName: request.functionName }, 'event invocation failed');
        }
      },
      (err: unknown) => this.options.logger.warn({ err, requestId: request.requestId, functionName: request.functionName }, 'event invocation not run'),
    );
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
    return true;
  }

  /** How many invocations are running. */
  get size(): number {
    return this.pending.size;
  }

  /** Resolves once every accepted invocation has finished. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
