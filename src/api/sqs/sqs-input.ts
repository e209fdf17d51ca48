// Reading SQS operation inputs: required members (SQS answers MissingParameter, not a
// ValidationException) and integer parameters with SQS's range messages.

import { missingParameter, parameterValueInvalid } from '../../errors/sqs-errors.js';
import type { OperationInput } from '../operation.js';

/** The member's value; throws MissingParameter when absent. */
export function requiredMember<T>(input: OperationInput, name: string): T {
  const value = input[name];
  if (value === undefined || value === null) throw missingParameter(name);
  return value as T;
}

/** The string member's value; absent or empty throws MissingParameter. */
export function requiredString(input: OperationInput, name: string): string {
  const value = requiredMember<string>(input, name);
  if (value === '') throw missingParameter(name);
  return value;
}

/** An optional integer within [min, max]; throws InvalidParameterValue with `reason`. */
export function integerInRange(input: OperationInput, name: string, min: number, max: number, reason: string): number | undefined {
  const value = input[name] as number | undefined;
  if (value === undefined) return undefined;
  if (value < min || value > max) throw parameterValueInvalid(value, name, reason);
  return value;
}
