// The lines of one invocation that a LogType=Tail answer can still need: the newest ones whose
// text adds up to at least the tail size. Keeps memory bounded however much a function logs.

import { LOG_TAIL_BYTES } from './invocation-log.js';
import type { LogLine } from './worker-protocol.js';

/** A lower bound of a line's size in the formatted log (characters never exceed UTF-8 bytes). */
function minimumBytes(line: LogLine): number {
  return line.message.length + 1;
}

export class RecentLines {
  private readonly lines: LogLine[] = [];
  private size = 0;

  add(lines: readonly LogLine[]): void {
    for (const line of lines) {
      this.lines.push(line);
      this.size += minimumBytes(line);
    }
    while (this.lines.length > 1 && this.size - minimumBytes(this.lines[0]!) >= LOG_TAIL_BYTES) this.size -= minimumBytes(this.lines.shift()!);
  }

  /** The kept lines, oldest first. */
  toArray(): readonly LogLine[] {
    return this.lines;
  }
}
