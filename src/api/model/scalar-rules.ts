// The constraint traits of one scalar shape (enum, pattern, min, max), precompiled into tests in
// the order AWS reports them for a member, plus the combined form AWS uses for list and map
// members (`Member must satisfy constraint: [max, min, pattern]`).

import { constraints } from '../../errors/common-errors.js';
import type { Shape } from './service-model.js';

export interface ScalarRule {
  readonly message: string;
  /** True when `value` (coerced, non-null) satisfies this rule. */
  ok(value: unknown): boolean;
}

export interface ScalarRules {
  /** Rules in AWS's reporting order for a direct member. */
  readonly rules: readonly ScalarRule[];
  /** Constraint texts inside `[...]` when the shape is a list member, map key or map value. */
  readonly combined: readonly string[];
}

function size(value: unknown): number {
  return (value as { length: number }).length;
}

/**
 * Java's String.matches semantics: the whole value must match. Patterns using Unicode property
 * classes (`\p{L}`, in Lambda's and Firehose's tag patterns) need the `u` flag; other Java
 * patterns may use escapes that `u` mode rejects, so they are compiled without it.
 */
function wholeMatch(pattern: string): RegExp {
  const source = `^(?:${pattern})$`;
  return /\\[pP]\{/.test(pattern) ? new RegExp(source, 'u') : new RegExp(source);
}

/**
 * @param enumValues enum values in AWS's printing order (see wire-order)
 */
export function scalarRules(shape: Shape, enumValues?: readonly string[]): ScalarRules {
  const rules: ScalarRule[] = [];
  const combined: string[] = [];
  const isNumber = shape.type === 'integer' || shape.type === 'long' || shape.type === 'double' || shape.type === 'float';
  const isSized = shape.type === 'string' || shape.type === 'blob';
  if (shape.type === 'string' && enumValues && enumValues.length > 0) {
    const set = new Set(enumValues);
    const message = constraints.enumSet(enumValues);
    rules.push({ message, ok: (v) => set.has(v as string) });
    combined.push(message);
  }
  const min = 'min' in shape ? shape.min : undefined;
  const max = 'max' in shape ? shape.max : undefined;
  let pattern: ScalarRule | undefined;
  if (shape.type === 'string' && shape.pattern !== undefined) {
    const re = wholeMatch(shape.pattern);
    pattern = { message: constraints.pattern(shape.pattern), ok: (v) => re.test(v as string) };
    rules.push(pattern);
  }
  let minRule: ScalarRule | undefined;
  let maxRule: ScalarRule | undefined;
  if (isSized) {
    if (min !== undefined) minRule = { message: constraints.minLength(min), ok: (v) => size(v) >= min };
    if (max !== undefined) maxRule = { message: constraints.maxLength(max), ok: (v) => size(v) <= max };
  } else if (isNumber) {
    if (min !== undefined) minRule = { message: constraints.minValue(min), ok: (v) => (v as number) >= min };
    if (max !== undefined) maxRule = { message: constraints.maxValue(max), ok: (v) => (v as number) <= max };
  }
  if (minRule) rules.push(minRule);
  if (maxRule) rules.push(maxRule);
  if (maxRule) combined.push(maxRule.message);
  if (minRule) combined.push(minRule.message);
  if (pattern) combined.push(pattern.message);
  return { rules, combined };
}

/** True when `value` passes every rule. */
export function satisfiesAll(rules: readonly ScalarRule[], value: unknown): boolean {
  for (let i = 0; i < rules.length; i++) if (!rules[i]!.ok(value)) return false;
  return true;
}
