// S3 prefix expressions (FIREHOSE.md §5): parses `!{namespace:value}` templates, substitutes partition
// keys (which decide the buffer) and evaluates timestamps / firehose values at flush time.

import { formatTimestamp } from './timestamp-pattern.js';

export type PrefixPart =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'timestamp'; readonly pattern: string }
  | { readonly kind: 'random-string' }
  | { readonly kind: 'error-output-type' }
  | { readonly kind: 'partitionKeyFromQuery' | 'partitionKeyFromLambda'; readonly key: string };

/** A malformed template, or a partition key the record does not have. */
export class PrefixError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrefixError';
  }
}

export function parsePrefix(template: string): PrefixPart[] {
  const parts: PrefixPart[] = [];
  let i = 0;
  while (i < template.length) {
    const start = template.indexOf('!{', i);
    if (start < 0) { parts.push({ kind: 'literal', text: template.slice(i) }); break; }
    if (start > i) parts.push({ kind: 'literal', text: template.slice(i, start) });
    const end = template.indexOf('}', start);
    if (end < 0) throw new PrefixError(`unterminated expression in ${JSON.stringify(template)}`);
    const body = template.slice(start + 2, end);
    const colon = body.indexOf(':');
    const ns = colon < 0 ? body : body.slice(0, colon);
    const value = colon < 0 ? '' : body.slice(colon + 1);
    if (ns === 'timestamp' && value !== '') parts.push({ kind: 'timestamp', pattern: value });
    else if (ns === 'firehose' && value === 'random-string') parts.push({ kind: 'random-string' });
    else if (ns === 'firehose' && value === 'error-output-type') parts.push({ kind: 'error-output-type' });
    else if ((ns === 'partitionKeyFromQuery' || ns === 'partitionKeyFromLambda') && value !== '') parts.push({ kind: ns, key: value });
    else throw new PrefixError(`invalid expression !{${body}}`);
    i = end + 1;
  }
  return parts;
}

const DEFAULT_TIME: PrefixPart = { kind: 'timestamp', pattern: 'yyyy/MM/dd/HH/' };

/** The success prefix: Firehose appends `yyyy/MM/dd/HH/` when there is no timestamp expression (not with dynamic partitioning). */
export function successPrefixParts(prefix: string, dynamicPartitioning: boolean): PrefixPart[] {
  const parts = parsePrefix(prefix);
  if (dynamicPartitioning || parts.some((p) => p.kind === 'timestamp')) return parts;
  return [...parts, DEFAULT_TIME];
}

/** The error prefix: as configured, else `<prefix><error-output-type>/yyyy/MM/dd/HH/`. */
export function errorPrefixParts(prefix: string, errorOutputPrefix: string | undefined): PrefixPart[] {
  if (errorOutputPrefix !== undefined && errorOutputPrefix !== '') return parsePrefix(errorOutputPrefix);
  return [...parsePrefix(prefix).filter((p) => p.kind === 'literal'), { kind: 'error-output-type' },
    { kind: 'literal', text: '/' }, DEFAULT_TIME];
}

/** Replaces partition-key expressions with the record's keys; throws PrefixError for a missing key. */
export function bindPartitionKeys(
  parts: readonly PrefixPart[],
  fromQuery: Readonly<Record<string, string>>,
  fromLambda: Readonly<Record<string, string>>,
): PrefixPart[] {
  return parts.map((p) => {
    if (p.kind !== 'partitionKeyFromQuery' && p.kind !== 'partitionKeyFromLambda') return p;
    const value = (p.kind === 'partitionKeyFromQuery' ? fromQuery : fromLambda)[p.key];
    if (value === undefined) throw new PrefixError(`no value for !{${p.kind}:${p.key}}`);
    return { kind: 'literal', text: value };
  });
}

/** Identity of a bound template (the buffer key of a partition). */
export function partsKey(parts: readonly PrefixPart[]): string {
  return JSON.stringify(parts);
}

export interface PrefixContext {
  /** Arrival time of the oldest record in the object, epoch ms. */
  readonly epochMs: number;
  readonly timeZone?: string;
  readonly errorOutputType?: string;
  /** The n-th random-string occurrence (11 characters); deterministic per buffer. */
  readonly randomString: (n: number) => string;
}

export function evaluatePrefix(parts: readonly PrefixPart[], ctx: PrefixContext): string {
  let out = '';
  let n = 0;
  for (const p of parts) {
    switch (p.kind) {
      case 'literal': out += p.text; break;
      case 'timestamp': out += formatTimestamp(p.pattern, ctx.epochMs, ctx.timeZone); break;
      case 'random-string': out += ctx.randomString(n++); break;
      case 'error-output-type': out += ctx.errorOutputType ?? ''; break;
      default: throw new PrefixError(`unbound !{${p.kind}:${p.key}}`);
    }
  }
  return out;
}
