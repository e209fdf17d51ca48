// Per-function invocation statistics for the console: totals since start and a bounded window of
// recent durations for percentiles. Filled by wrapping the FunctionInvoker every caller uses.

import { FunctionThrottledError, type FunctionInvoker, type InvokeRequest, type InvokeResult } from '../functions/function-invoker.js';

export interface FunctionStatsView {
  readonly invocations: number;
  readonly errors: number;
  readonly throttles: number;
  /** Percentiles (ms) of the last `window` durations; null before the first invocation. */
  readonly durationMs: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number; readonly samples: number } | null;
  readonly lastInvokedMs: number | null;
}

interface Entry {
  invocations: number;
  errors: number;
  throttles: number;
  durations: number[];
  next: number;
  lastInvokedMs: number | null;
}

export class FunctionStats {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: { now: () => number; window?: number; maxFunctions?: number }) {}

  /** Counts one finished invocation. */
  record(functionName: string, result: { durationMs: number; error: boolean }): void {
    const entry = this.entry(functionName);
    entry.invocations++;
    if (result.error) entry.errors++;
    entry.lastInvokedMs = this.options.now();
    const window = this.options.window ?? 1000;
    if (entry.durations.length < window) entry.durations.push(result.durationMs);
    else entry.durations[entry.next] = result.durationMs;
    entry.next = (entry.next + 1) % window;
  }

  /** Counts one invocation refused for lack of concurrency. */
  throttled(functionName: string): void {
    this.entry(functionName).throttles++;
  }

  view(functionName: string): FunctionStatsView {
    const entry = this.entries.get(functionName);
    if (entry === undefined) return { invocations: 0, errors: 0, throttles: 0, durationMs: null, lastInvokedMs: null };
    const sorted = [...entry.durations].sort((a, b) => a - b);
    const at = (q: number): number => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!);
    return {
      invocations: entry.invocations,
      errors: entry.errors,
      throttles: entry.throttles,
      durationMs: sorted.length === 0 ? null : { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: round(sorted[sorted.length - 1]!), samples: sorted.length },
      lastInvokedMs: entry.lastInvokedMs,
    };
  }

  /** A FunctionInvoker that records every invocation through `target`. */
  wrap(target: FunctionInvoker): FunctionInvoker {
    return {
      invoke: async (request: InvokeRequest): Promise<InvokeResult> => {
        try {
          const result = await target.invoke(request);
          this.record(request.functionName, { durationMs: result.durationMs, error: result.functionError !== undefined });
          return result;
        } catch (err) {
          if (err instanceof FunctionThrottledError) this.throttled(request.functionName);
          throw err;
        }
      },
    };
  }

  private entry(functionName: string): Entry {
    let entry = this.entries.get(functionName);
    if (entry === undefined) {
      if (this.entries.size >= (this.options.maxFunctions ?? 1000)) this.entries.delete(this.entries.keys().next().value as string);
      entry = { invocations: 0, errors: 0, throttles: 0, durations: [], next: 0, lastInvokedMs: null };
      this.entries.set(functionName, entry);
    }
    return entry;
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
