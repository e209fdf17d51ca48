// A FunctionInvoker that counts what the runtime does, per function: Invocations, Errors, Duration
// (time in function code), Throttles (no free concurrency) and ConcurrentExecutions (running now).

import { FunctionThrottledError, type FunctionInvoker, type InvokeRequest, type InvokeResult } from '../functions/function-invoker.js';
import type { CounterHandle, GaugeHandle, MetricsHub, TimerHandle } from './metrics-hub.js';

interface FunctionMeters {
  readonly invocations: CounterHandle;
  readonly errors: CounterHandle;
  readonly duration: TimerHandle;
  readonly throttles: CounterHandle;
  readonly concurrent: GaugeHandle;
  running: number;
}

export class MeteredInvoker implements FunctionInvoker {
  private readonly meters = new Map<string, FunctionMeters>();

  constructor(private readonly target: FunctionInvoker, private readonly hub: MetricsHub) {}

  async invoke(request: InvokeRequest): Promise<InvokeResult> {
    const m = this.metersOf(request.functionName);
    m.concurrent.set(++m.running);
    try {
      const result = await this.target.invoke(request);
      m.invocations.add(1);
      if (result.functionError !== undefined) m.errors.add(1);
      m.duration.observe(result.durationMs);
      return result;
    } catch (err) {
      if (err instanceof FunctionThrottledError) m.throttles.add(1);
      throw err;
    } finally {
      m.concurrent.set(--m.running);
    }
  }

  private metersOf(functionName: string): FunctionMeters {
    let found = this.meters.get(functionName);
    if (found === undefined) {
      const l = { FunctionName: functionName };
      found = {
        invocations: this.hub.counter('lambda:Invocations', l),
        errors: this.hub.counter('lambda:Errors', l),
        duration: this.hub.timer('lambda:Duration', l),
        throttles: this.hub.counter('lambda:Throttles', l),
        concurrent: this.hub.gauge('lambda:ConcurrentExecutions', l),
        running: 0,
      };
      this.meters.set(functionName, found);
    }
    return found;
  }
}

/** `target` metered when metrics are on, else `target` itself. */
export function meteredInvoker(target: FunctionInvoker, hub: MetricsHub | undefined): FunctionInvoker {
  return hub?.enabled ? new MeteredInvoker(target, hub) : target;
}
