// Recent log lines per function for the console: a bounded ring per function (and a bounded
// number of functions), filled by tapping the logger the function runtime writes its output to.

import type { RuntimeLogger } from '../functions/runtime/runtime-logger.js';

export interface FunctionLogLine {
  readonly timeMs: number;
  readonly requestId: string | null;
  readonly level: string;
  readonly message: string;
}

export interface FunctionLogRingOptions {
  /** Lines kept per function (default 200). */
  readonly linesPerFunction?: number;
  /** Functions kept; the one logged to least recently is dropped first (default 500). */
  readonly maxFunctions?: number;
  readonly now: () => number;
}

const MAX_MESSAGE_CHARS = 4096;

export class FunctionLogRing {
  private readonly rings = new Map<string, FunctionLogLine[]>();

  constructor(private readonly options: FunctionLogRingOptions) {}

  /** Adds one line for a function, dropping its oldest line beyond the bound. */
  add(functionName: string, line: FunctionLogLine): void {
    let ring = this.rings.get(functionName);
    if (ring === undefined) {
      ring = [];
      if (this.rings.size >= (this.options.maxFunctions ?? 500)) this.rings.delete(this.rings.keys().next().value as string);
    } else {
      this.rings.delete(functionName);
    }
    this.rings.set(functionName, ring);
    ring.push(line.message.length > MAX_MESSAGE_CHARS ? { ...line, message: `${line.message.slice(0, MAX_MESSAGE_CHARS)}…` } : line);
    if (ring.length > (this.options.linesPerFunction ?? 200)) ring.shift();
  }

  /** The kept lines of a function, oldest first. */
  lines(functionName: string): readonly FunctionLogLine[] {
    return this.rings.get(functionName) ?? [];
  }

  /**
   * A RuntimeLogger that forwards every call to `target` and also keeps the lines that carry a
   * `functionName` (function output and runtime errors about a function).
   */
  tee(target: RuntimeLogger): RuntimeLogger {
    const keep = (level: string, obj: object, msg: string): void => {
      const fields = obj as { functionName?: unknown; requestId?: unknown; logLevel?: unknown; err?: unknown };
      if (typeof fields.functionName !== 'string') return;
      const lineLevel = typeof fields.logLevel === 'string' ? fields.logLevel : level;
      const detail = fields.err instanceof Error ? `: ${fields.err.message}` : '';
      this.add(fields.functionName, {
        timeMs: this.options.now(),
        requestId: typeof fields.requestId === 'string' ? fields.requestId : null,
        level: lineLevel,
        message: msg + detail,
      });
    };
    return {
      info: (obj, msg) => (keep('INFO', obj, msg), target.info(obj, msg)),
      warn: (obj, msg) => (keep('WARN', obj, msg), target.warn(obj, msg)),
      error: (obj, msg) => (keep('ERROR', obj, msg), target.error(obj, msg)),
      debug: (obj, msg) => (keep('DEBUG', obj, msg), target.debug(obj, msg)),
    };
  }
}
