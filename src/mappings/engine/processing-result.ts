// LastProcessingResult values (ESM.md §11): "OK" after a successful invocation, "PROBLEM: …"
// after a failed one. AWS documents "OK", "No records processed" and "PROBLEM: Function call
// failed"; the other PROBLEM texts are ours (docs/decisions/0007).

import { FunctionNotFoundError, FunctionNotReadyError, FunctionThrottledError } from '../../functions/function-invoker.js';
import type { MappingStatusSink } from '../mapping-definition.js';
import type { InvocationOutcome } from './invocation-outcome.js';

export const RESULT_OK = 'OK';
export const RESULT_FUNCTION_FAILED = 'PROBLEM: Function call failed';
export const RESULT_THROTTLED = 'PROBLEM: Function call throttled';
export const RESULT_FUNCTION_NOT_FOUND = 'PROBLEM: Function not found';
export const RESULT_FUNCTION_NOT_READY = 'PROBLEM: Function not ready';
export const RESULT_INVOKE_FAILED = 'PROBLEM: Function could not be invoked';

/** The LastProcessingResult an invocation outcome leads to. */
export function processingResultOf(outcome: InvocationOutcome): string {
  switch (outcome.kind) {
    case 'success':
      return RESULT_OK;
    case 'partial':
    case 'failure':
      return RESULT_FUNCTION_FAILED;
    case 'not-run':
      if (outcome.error instanceof FunctionThrottledError) return RESULT_THROTTLED;
      if (outcome.error instanceof FunctionNotFoundError) return RESULT_FUNCTION_NOT_FOUND;
      if (outcome.error instanceof FunctionNotReadyError) return RESULT_FUNCTION_NOT_READY;
      return RESULT_INVOKE_FAILED;
  }
}

/** Forwards results to the sink only when a mapping's result changes (the sink may persist). */
export class ProcessingResultReporter {
  private readonly last = new Map<string, string>();

  constructor(private readonly sink: MappingStatusSink) {}

  report(uuid: string, result: string): void {
    if (this.last.get(uuid) === result) return;
    this.last.set(uuid, result);
    this.sink.setLastProcessingResult(uuid, result);
  }

  forget(uuid: string): void {
    this.last.delete(uuid);
  }
}
