// Captures a function's console and stdout/stderr output inside its worker thread, tagging each
// line with the current request id (as the Lambda runtime does), and sends each line at once:
// a message posted before the handler hangs still reaches the main thread, so a timed-out
// invocation's log keeps everything written before the timeout.

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

  /** `send` is called synchronously with every line written. */
  constructor(private readonly send: (line: LogLine) => void) {}

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

  private add(level: Level | undefined, message: string): void {
    this.send(level ? { time: Date.now(), requestId: this.requestId, level, message } : { time: Date.now(), requestId: this.requestId, message });
  }
}
