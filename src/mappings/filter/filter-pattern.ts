// Event filter patterns (ESM.md §9, EventBridge-compatible subset), compiled once per mapping.
// A pattern is an object whose leaves are arrays of conditions; nested objects descend into the
// document; all fields must match (AND), `$or` branches any; array values match when any element does.

import { FilterPatternError } from './filter-pattern-error.js';
import { compileLeafCondition, isPlainObject, type LeafCondition } from './leaf-condition.js';
import { parseJsonKeepingNumbers } from './parse-json-keeping-numbers.js';

export { FilterPatternError } from './filter-pattern-error.js';

export interface FilterPattern {
  /**
   * Whether `doc` satisfies the pattern. `doc` is a JSON-shaped value: objects, arrays, strings,
   * booleans, null, and numbers either as JsonNumber (exact-text equality, see parseJsonKeepingNumbers)
   * or as JS numbers (compared by their shortest JSON text).
   */
  matches(doc: unknown): boolean;
  /** True when the pattern filters on the record data: a top-level `data` key (also inside a top-level `$or`). */
  readonly referencesData: boolean;
}

interface Clause {
  readonly path: readonly string[];
  readonly conditions: readonly LeafCondition[];
}

/** AND of the clauses and of every `$or` group; a group holds when any of its branches holds. */
interface PatternNode {
  readonly clauses: Clause[];
  readonly alternatives: PatternNode[][];
}

function compileObject(pattern: Record<string, unknown>, prefix: readonly string[], into: PatternNode): PatternNode {
  for (const [key, value] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(value) || value.length === 0) throw new FilterPatternError('$or must be a non-empty array of objects');
      into.alternatives.push(
        value.map((branch: unknown) => {
          if (!isPlainObject(branch) || Object.keys(branch).length === 0) throw new FilterPatternError('$or branches must be non-empty objects');
          return compileObject(branch, prefix, { clauses: [], alternatives: [] });
        }),
      );
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw new FilterPatternError('Empty arrays are not allowed');
      into.clauses.push({ path: [...prefix, key], conditions: value.map(compileLeafCondition) });
    } else if (isPlainObject(value)) {
      compileObject(value, [...prefix, key], into);
    } else {
      throw new FilterPatternError(`"${key}" must be an object or an array`);
    }
  }
  return into;
}

/** Checks the top-level `data` parts (a non-object `data` part is invalid) and reports whether any exists. */
function inspectDataPart(pattern: Record<string, unknown>): boolean {
  let found = false;
  if (Object.hasOwn(pattern, 'data')) {
    if (!isPlainObject(pattern['data'])) throw new FilterPatternError('The data part of a filter pattern must be a JSON object');
    found = true;
  }
  const branches = pattern['$or'];
  if (Array.isArray(branches)) {
    for (const branch of branches) if (isPlainObject(branch) && inspectDataPart(branch)) found = true;
  }
  return found;
}

function pushLeaves(value: unknown, out: unknown[]): void {
  if (Array.isArray(value)) for (const element of value) pushLeaves(element, out);
  else if (!isPlainObject(value)) out.push(value);
}

/** Leaf values at `path`: arrays are flattened at every level; objects at the end of the path are not leaves. */
function leavesAt(doc: unknown, path: readonly string[]): unknown[] {
  let current: unknown[] = [doc];
  for (const key of path) {
    const next: unknown[] = [];
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) for (const element of value) visit(element);
      else if (isPlainObject(value) && Object.hasOwn(value, key)) next.push(value[key]);
    };
    for (const value of current) visit(value);
    if (next.length === 0) return next;
    current = next;
  }
  const leaves: unknown[] = [];
  for (const value of current) pushLeaves(value, leaves);
  return leaves;
}

function clauseHolds(clause: Clause, doc: unknown): boolean {
  const leaves = leavesAt(doc, clause.path);
  return clause.conditions.some((condition) =>
    condition.kind === 'exists' ? condition.exists === leaves.length > 0 : leaves.some(condition.test),
  );
}

function nodeHolds(node: PatternNode, doc: unknown): boolean {
  return (
    node.clauses.every((clause) => clauseHolds(clause, doc)) &&
    node.alternatives.every((branches) => branches.some((branch) => nodeHolds(branch, doc)))
  );
}

/** Compiles a pattern string; throws FilterPatternError for anything Lambda rejects as an invalid pattern. */
export function compileFilterPattern(json: string): FilterPattern {
  let parsed: unknown;
  try {
    parsed = parseJsonKeepingNumbers(json);
  } catch {
    throw new FilterPatternError('Filter is not valid JSON');
  }
  if (!isPlainObject(parsed)) throw new FilterPatternError('Filter is not an object');
  const referencesData = inspectDataPart(parsed);
  const root = compileObject(parsed, [], { clauses: [], alternatives: [] });
  return {
    referencesData,
    matches: (doc) => nodeHolds(root, doc),
  };
}
