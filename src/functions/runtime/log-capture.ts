// Captures a function's console and stdout/stderr output inside its worker thread, tagging each
// line with the current request id (as the Lambda runtime does), and hands the lines to the main
// thread in batches: at most one message per event-loop turn, plus whatever rides on the result.

import { format } from 'node:util';
import type { LogLine } from './worker-protocol.js';

type Level = NonNullable<LogLine['level']>;

const CONSOLE_LEVELS: readonly (readonly [keyof Console, Level])[] = [
  ['log', 'INFO'],
  ['info', 'INFO'],
  ['debug', 'DEBUG'],
  ['warn', 'WARN'],
  ['error', 'ERROR'],
  ['trace', 'TRACE'],
];

export class LogCapture {
  /** Request id stamped on new lines; the last invocation's id stays set between invocations. */
  requestId: string | undefined;
  private lines: LogLine[] = [];
  private flushScheduled = false;

  /** `send` receives batches written outside take(); it is called from setImmediate. */
  constructor(private readonly send: (lines: LogLine[]) => void) {}

  /** Replaces console methods (and console.fatal) and process.stdout/stderr.write in this thread. */
  install(): void {
    const target = console as unknown as Record<string, (...args: unknown[]) => void>;
    for (const [method, level] of CONSOLE_LEVELS) {
      target[method] = (message?: unknown, ...params: unknown[]) => this.add(level, format(message, ...params));
    }
    target.fatal = (message?: unknown, ...params: unknown[]) => this.add('FATAL', format(message, ...params));
    for (const stream of [process.stdout, process.stderr]) {
      stream.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
        const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
        this.add(undefined, text.endsWith('\n') ? text.slice(0, -1) : text);
        const done = typeof encoding === 'function' ? encoding : callback;
        if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
        return true;
      }) as typeof stream.write;
    }
  }

  /** Removes and returns the lines not yet sent. */
  take(): LogLine[] {
    if (this.lines.length === 0) return [];
    const lines = this.lines;
    this.lines = [];
    return lines;
  }

  private add(level: Level | undefined, message: string): void {
    this.lines.push(level ? { time: Date.now(), requestId: this.requestId, level, message } : { time: Date.now(), requestId: this.requestId, message });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        const lines = this.take();
        if (lines.length > 0) this.send(lines);
      });
    }
  }
}
