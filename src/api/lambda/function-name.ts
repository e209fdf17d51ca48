// Takes apart the FunctionName forms Lambda accepts everywhere: `f`, `f:qualifier`,
// `123456789012:function:f[:qualifier]` and `arn:aws:lambda:<region>:<acct>:function:f[:qualifier]`.
// The model's pattern has already rejected anything else.

import type { RequestContext } from '../operation.js';
import { functionArn, functionNameTooLong, functionNotFound, functionRegionUnreachable } from '../../errors/lambda-errors.js';

export interface FunctionRef {
  readonly name: string;
  /** From the name or the Qualifier parameter; undefined when neither gives one. */
  readonly qualifier?: string;
}

const FULL_ARN = /^arn:aws[a-zA-Z-]*:lambda:([^:]+):(\d{12}):function:([^:]+)(?::([^:]+))?$/;
const PARTIAL_ARN = /^(\d{12}):function:([^:]+)(?::([^:]+))?$/;
const PLAIN = /^([^:]+)(?::([^:]+))?$/;

/**
 * The function name and qualifier. Throws ResourceNotFoundException for an ARN of another region
 * or account, InvalidParameterValueException for a name over 64 characters.
 */
export function parseFunctionName(value: string, ctx: RequestContext, qualifierParam?: string): FunctionRef {
  let name: string;
  let qualifier: string | undefined;
  const full = FULL_ARN.exec(value);
  const partial = full ? null : PARTIAL_ARN.exec(value);
  if (full) {
    const [, region, account] = full;
    if (region !== ctx.region) throw functionRegionUnreachable(region!, ctx.region);
    name = full[3]!;
    qualifier = full[4];
    if (account !== ctx.accountId) throw functionNotFound(functionArn(ctx.region, account!, name));
  } else if (partial) {
    name = partial[2]!;
    qualifier = partial[3];
    if (partial[1] !== ctx.accountId) throw functionNotFound(functionArn(ctx.region, partial[1]!, name));
  } else {
    const plain = PLAIN.exec(value);
    name = plain?.[1] ?? value;
    qualifier = plain?.[2];
  }
  if (name.length > 64) throw functionNameTooLong(name);
  const q = qualifierParam ?? qualifier;
  return q === undefined ? { name } : { name, qualifier: q };
}

/** Qualifiers this server serves: none, or `$LATEST` (there are no published versions or aliases). */
export function isLatest(ref: FunctionRef): boolean {
  return ref.qualifier === undefined || ref.qualifier === '$LATEST';
}

/** The ARN a not-found message names: unqualified, or with the qualifier when one was given. */
export function refArn(ref: FunctionRef, ctx: RequestContext): string {
  const arn = functionArn(ctx.region, ctx.accountId, ref.name);
  return ref.qualifier === undefined ? arn : `${arn}:${ref.qualifier}`;
}
