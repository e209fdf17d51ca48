// Invokes a mapping's function synchronously (RequestResponse) and keeps track of invocations in
// flight, so a restarted mapping can wait until those of its previous incarnation have ended
// (per-partition-key ordering: the same records are never being processed twice at once).

import { randomUUID } from 'node:crypto';
import type { FunctionInvoker, InvokeResult } from '../../functions/function-invoker.js';
import { unlessStopped } from './mapping-stopped.js';

export type InvokeAttempt =
  | { readonly kind: 'ran'; readonly result: InvokeResult }
  /** The invoker rejected: the function could not be run at all. */
  | { readonly kind: 'not-run'; readonly error: unknown };

export class MappingInvoker {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly invoker: FunctionInvoker,
    private readonly functionName: string,
    private readonly qualifier: string | undefined,
  ) {}

  /**
   * Invokes with `payload`. Resolves with the attempt; rejects with MappingStoppedError when
   * `signal` aborts first (the invocation then runs on, unobserved, and is counted in drained()).
   */
  invoke(payload: Buffer, signal: AbortSignal): Promise<InvokeAttempt> {
    const request = {
      functionName: this.functionName,
      ...(this.qualifier !== undefined && { qualifier: this.qualifier }),
      payload,
      requestId: randomUUID(),
    };
    const attempt = this.invoker.invoke(request).then(
      (result): InvokeAttempt => ({ kind: 'ran', result }),
      (error: unknown): InvokeAttempt => ({ kind: 'not-run', error }),
    );
    this.inFlight.add(attempt);
    void attempt.finally(() => this.inFlight.delete(attempt));
    return unlessStopped(attempt, signal);
  }

  /** Resolves once every invocation started so far has ended. */
  async drained(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }
}
