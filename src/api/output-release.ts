// Memory an operation's output borrows (GetRecords: the log's read chunks behind each record's
// Data) that can be reused as soon as the output has been encoded. Kept beside the output, not in
// it, so codecs never see it; an output that is never encoded simply leaves it to the collector.

import type { OperationOutput } from './operation.js';

const releases = new WeakMap<OperationOutput, () => void>();

/** Registers what releaseOutput(output) runs; `release` must tolerate never being called. */
export function releaseAfterEncoding(output: OperationOutput, release: () => void): void {
  releases.set(output, release);
}

/**
 * Runs the release registered for `output`, once. Contract: call only after the output has been
 * encoded into bytes that do not share its memory, and never read the output afterwards.
 */
export function releaseOutput(output: OperationOutput): void {
  const release = releases.get(output);
  if (release === undefined) return;
  releases.delete(output);
  release();
}
