// One element of a filter pattern's leaf array (`"k": [ <element>, … ]`), compiled once into a test.
// Implements the operators of ESM.md §9: equality (numbers by JSON text), null, "", anything-but,
// numeric, exists, prefix, suffix, equals-ignore-case. Anything else is an invalid pattern.

import { FilterPatternError } from './filter-pattern-error.js';
import { JsonNumber, numberText, numberValue } from './json-number.js';

/**
 * `exists` tests presence of the field (leaf values only); every other condition tests one leaf value
 * and matches a field when any of its leaf values (array elements) passes.
 */
export type LeafCondition =
  | { readonly kind: 'exists'; readonly exists: boolean }
  | { readonly kind: 'value'; readonly test: (leaf: unknown) => boolean };

type LeafTest = (leaf: unknown) => boolean;

const NUMERIC_OPERATORS = new Set(['=', '>', '>=', '<', '<=']);

/** A JSON object (not an array, not a number leaf). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof JsonNumber);
}

/** Equality with a scalar pattern value: strings exact, numbers by JSON text, booleans, null. */
function equalsTest(expected: unknown): LeafTest {
  if (expected instanceof JsonNumber) {
    const text = expected.text;
    return (leaf) => numberText(leaf) === text;
  }
  if (expected === null || typeof expected === 'string' || typeof expected === 'boolean') return (leaf) => leaf === expected;
  throw new FilterPatternError('Match value must be String, number, true, false, or null');
}

function stringOperand(operator: string, value: unknown): string {
  if (typeof value !== 'string') throw new FilterPatternError(`${operator} match pattern must be a string`);
  return value;
}

/** prefix/suffix take a string or `{"equals-ignore-case": "…"}`. */
function affixTest(operator: 'prefix' | 'suffix', value: unknown): LeafTest {
  let affix: string;
  let ignoreCase = false;
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length !== 1 || keys[0] !== 'equals-ignore-case') throw new FilterPatternError(`Unsupported ${operator} pattern`);
    affix = stringOperand(operator, value['equals-ignore-case']).toLowerCase();
    ignoreCase = true;
  } else {
    affix = stringOperand(operator, value);
  }
  return (leaf) => {
    if (typeof leaf !== 'string') return false;
    const subject = ignoreCase ? leaf.toLowerCase() : leaf;
    return operator === 'prefix' ? subject.startsWith(affix) : subject.endsWith(affix);
  };
}

function ignoreCaseTest(value: unknown): LeafTest {
  const expected = stringOperand('equals-ignore-case', value).toLowerCase();
  return (leaf) => typeof leaf === 'string' && leaf.toLowerCase() === expected;
}

function numericOperand(value: unknown, operator: string): number {
  if (!(value instanceof JsonNumber)) throw new FilterPatternError(`Value of ${operator === '=' ? 'equals' : operator} must be numeric`);
  return value.value;
}

function compare(operator: string, left: number, right: number): boolean {
  switch (operator) {
    case '=':
      return left === right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    default:
      return left <= right;
  }
}

/** `[op, n]` or `[lower-op, n1, upper-op, n2]` with lower-op in > >=, upper-op in < <=, n1 < n2. */
function numericTest(value: unknown): LeafTest {
  if (!Array.isArray(value) || (value.length !== 2 && value.length !== 4)) throw new FilterPatternError('Value of numeric must be an array of 2 or 4 elements');
  const terms: { operator: string; operand: number }[] = [];
  for (let i = 0; i < value.length; i += 2) {
    const operator = value[i] as unknown;
    if (typeof operator !== 'string' || !NUMERIC_OPERATORS.has(operator)) throw new FilterPatternError(`Unrecognized numeric range operator: ${String(operator)}`);
    terms.push({ operator, operand: numericOperand(value[i + 1], operator) });
  }
  if (terms.length === 2) {
    const [low, high] = terms as [{ operator: string; operand: number }, { operator: string; operand: number }];
    if (low.operator !== '>' && low.operator !== '>=') throw new FilterPatternError('Too many elements in numeric expression');
    if (high.operator !== '<' && high.operator !== '<=') throw new FilterPatternError(`Bad numeric range operator: ${high.operator}`);
    if (!(low.operand < high.operand)) throw new FilterPatternError('Bottom must be less than top');
  }
  return (leaf) => {
    const n = numberValue(leaf);
    return n !== undefined && terms.every((term) => compare(term.operator, n, term.operand));
  };
}

/** anything-but: a string/number, a non-empty list of them, or `{prefix|suffix|equals-ignore-case: …}`. */
function anythingButTest(value: unknown): LeafTest {
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    const operator = keys[0];
    if (keys.length !== 1 || (operator !== 'prefix' && operator !== 'suffix' && operator !== 'equals-ignore-case')) {
      throw new FilterPatternError(`Unsupported anything-but pattern: ${keys.join(',')}`);
    }
    const operand = value[operator];
    const operands = Array.isArray(operand) ? operand : [operand];
    if (operands.length === 0) throw new FilterPatternError('Empty arrays are not allowed');
    const tests = operands.map((one: unknown) => {
      const text = stringOperand(`anything-but/${operator}`, one);
      if (text === '' && operator !== 'equals-ignore-case') throw new FilterPatternError('Null prefix/suffix not allowed');
      return operator === 'equals-ignore-case' ? ignoreCaseTest(text) : affixTest(operator, text);
    });
    // Leaves of another type (numbers, booleans, null) are "anything but" a string condition.
    return (leaf) => typeof leaf !== 'string' || !tests.some((test) => test(leaf));
  }
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0) throw new FilterPatternError('Empty arrays are not allowed');
  const tests = values.map((one: unknown) => {
    if (typeof one !== 'string' && !(one instanceof JsonNumber)) {
      throw new FilterPatternError('Value of anything-but must be an array or single string/number value.');
    }
    return equalsTest(one);
  });
  return (leaf) => !tests.some((test) => test(leaf));
}

/** Compiles one element of a leaf array. */
export function compileLeafCondition(element: unknown): LeafCondition {
  if (!isPlainObject(element)) {
    if (Array.isArray(element)) throw new FilterPatternError('Match value must be String, number, true, false, or null');
    return { kind: 'value', test: equalsTest(element) };
  }
  const keys = Object.keys(element);
  if (keys.length !== 1) throw new FilterPatternError('Only one key allowed in match expression');
  const operator = keys[0]!;
  const operand = element[operator];
  switch (operator) {
    case 'exists':
      if (typeof operand !== 'boolean') throw new FilterPatternError('exists match pattern must be either true or false.');
      return { kind: 'exists', exists: operand };
    case 'anything-but':
      return { kind: 'value', test: anythingButTest(operand) };
    case 'numeric':
      return { kind: 'value', test: numericTest(operand) };
    case 'prefix':
    case 'suffix':
      return { kind: 'value', test: affixTest(operator, operand) };
    case 'equals-ignore-case':
      return { kind: 'value', test: ignoreCaseTest(operand) };
    default:
      throw new FilterPatternError(`Unrecognized match type ${operator}`);
  }
}
