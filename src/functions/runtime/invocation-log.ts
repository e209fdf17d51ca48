// Formats one invocation's log the way Lambda writes it to CloudWatch (START, the function's
// lines with timestamp/request id/level, END, REPORT) and cuts the LogType=Tail view from it.

import type { LogLine } from './worker-protocol.js';

/** Lambda returns at most the last 4 KB of the log for LogType=Tail. */
export const LOG_TAIL_BYTES = 4096;

export interface InvocationReport {
  readonly requestId: string;
  readonly version: string;
  readonly durationMs: number;
  readonly memorySizeMb: number;
  /** Heap in use when the invocation ended, when known. */
  readonly maxMemoryUsedMb?: number;
  /** Set on a cold start. */
  readonly initDurationMs?: number;
}

/** One captured line as it appears in the log: console lines carry time, request id and level. */
export function formatLogLine(line: LogLine): string {
  if (!line.level) return line.message;
  return `${new Date(line.time).toISOString()}\t${line.requestId ?? 'undefined'}\t${line.level}\t${line.message}`;
}

/** The whole log text of one invocation. */
export function formatInvocationLog(report: InvocationReport, lines: readonly LogLine[]): string {
  const { requestId } = report;
  const out = [`START RequestId: ${requestId} Version: ${report.version}`];
  for (const line of lines) out.push(formatLogLine(line));
  out.push(`END RequestId: ${requestId}`);
  let summary = `REPORT RequestId: ${requestId}\tDuration: ${report.durationMs.toFixed(2)} ms\tBilled Duration: ${Math.max(1, Math.ceil(report.durationMs))} ms\tMemory Size: ${report.memorySizeMb} MB\t`;
  if (report.maxMemoryUsedMb !== undefined) summary += `Max Memory Used: ${report.maxMemoryUsedMb} MB\t`;
  if (report.initDurationMs !== undefined) summary += `Init Duration: ${report.initDurationMs.toFixed(2)} ms\t`;
  out.push(summary);
  return `${out.join('\n')}\n`;
}

/** Base64 of the last LOG_TAIL_BYTES bytes of `log` (X-Amz-Log-Result). */
export function logTail(log: string): string {
  const bytes = Buffer.from(log, 'utf8');
  return bytes.subarray(Math.max(0, bytes.length - LOG_TAIL_BYTES)).toString('base64');
}
