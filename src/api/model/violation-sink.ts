// Collects constraint violations while a checker walks a value: keeps the current member path as
// a stack (strings are joined only when a violation is recorded) and stops at AWS's limit of 10.

import { violationMessage } from '../../errors/common-errors.js';

export const MAX_LISTED_VIOLATIONS = 10;

export class ViolationSink {
  readonly messages: string[] = [];
  // A fixed array and a depth counter: cheaper than push/pop on the hot path.
  private readonly path: (string | number)[] = new Array(16).fill('');
  private depth = 0;

  /** True once 10 violations are recorded; checkers stop walking then. */
  get full(): boolean {
    return this.messages.length >= MAX_LISTED_VIOLATIONS;
  }

  push(segment: string | number): void {
    this.path[this.depth++] = segment;
  }

  pop(): void {
    this.depth--;
  }

  /**
   * Records a violation at the current path.
   * @param printed the value as AWS prints it, or null when missing
   */
  add(printed: string | null, constraint: string): void {
    if (this.full) return;
    this.messages.push(violationMessage(printed, this.path.slice(0, this.depth).join('.'), constraint));
  }
}
