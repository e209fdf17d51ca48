// Functions in the console: configuration, invocation statistics (totals, duration percentiles),
// recent log lines and the last failed invocations.

import type { ConsoleDeps } from './console-deps.js';
import type { FunctionLogLine } from './function-log-ring.js';
import type { FunctionStatsView } from './function-stats.js';
import type { InvocationError } from './invocation-errors.js';

export interface FunctionView {
  readonly name: string;
  readonly runtime: string;
  readonly handler: string;
  readonly state: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly lastModifiedMs: number;
  readonly stats: FunctionStatsView;
  /** The newest log lines, oldest first. */
  readonly recentLogs: readonly FunctionLogLine[];
  /** The last failed invocations (any caller), newest first. */
  readonly recentErrors: readonly InvocationError[];
}

const EMPTY_STATS: FunctionStatsView = { invocations: 0, errors: 0, throttles: 0, durationMs: null, lastInvokedMs: null };

const RECENT_ERRORS = 3;

export function listFunctionViews(deps: ConsoleDeps, logLines = 20): FunctionView[] {
  return (deps.functions?.list() ?? [])
    .map((f) => ({
      name: f.name,
      runtime: f.runtime,
      handler: f.handler,
      state: f.state,
      memoryMb: f.memoryMb,
      timeoutSeconds: f.timeoutSeconds,
      lastModifiedMs: f.lastModified,
      stats: deps.functionStats?.view(f.name) ?? EMPTY_STATS,
      recentLogs: (deps.functionLogs?.lines(f.name) ?? []).slice(-logLines),
      recentErrors: (deps.invocationErrors?.recent(f.name) ?? []).slice(0, RECENT_ERRORS),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
