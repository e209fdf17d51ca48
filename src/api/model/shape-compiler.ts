// Compiles model shapes once into checkers with two passes: `coerce` walks the decoded body in
// document order (type errors → SerializationException, unknown members dropped as AWS ignores
// them, blobs/timestamps converted, in place where possible: it takes ownership of the body)
// and `check` walks members in AWS's order collecting
// constraint violations. Compiled once per shape, so a 500-entry PutRecords costs no setup.

import { constraints } from '../../errors/common-errors.js';
import { memberOrder, enumOrder } from './wire-order.js';
import { mismatch, scalarCoercion, type Coerce, type Wire } from './scalar-coercion.js';
import { scalarRules, satisfiesAll, type ScalarRule, type ScalarRules } from './scalar-rules.js';
import { printValue, type PrintShape } from './value-printer.js';
import type { ServiceModel } from './service-model.js';
import type { ViolationSink } from './violation-sink.js';

export interface CompiledShape {
  readonly print: PrintShape;
  /** Type-checks and converts a non-null decoded value; throws SerializationException. */
  coerce(value: unknown, wire: Wire): unknown;
  /** Records the constraint violations of a non-null coerced value at the sink's current path. */
  check(value: unknown, sink: ViolationSink): void;
  /** Defined for scalar shapes: used for the combined list-member / map key-value constraint. */
  readonly scalar?: ScalarRules;
}

interface CompiledMember {
  readonly name: string;
  readonly pathName: string;
  readonly required: boolean;
  readonly shape: CompiledShape;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Date);
}

function sizeRules(min: number | undefined, max: number | undefined, size: (v: unknown) => number): ScalarRule[] {
  const rules: ScalarRule[] = [];
  if (min !== undefined) rules.push({ message: constraints.minLength(min), ok: (v) => size(v) >= min });
  if (max !== undefined) rules.push({ message: constraints.maxLength(max), ok: (v) => size(v) <= max });
  return rules;
}

function failsCombined(scalar: ScalarRules, value: unknown): boolean {
  return value === null || value === undefined || !satisfiesAll(scalar.rules, value);
}

export class ShapeCompiler {
  private readonly memo = new Map<string, CompiledShape>();
  private readonly className: (shape: string) => string;

  constructor(private readonly model: ServiceModel) {
    const pkg = model.javaPackage();
    this.className = (shape) => `${pkg}.${shape}`;
  }

  /** The compiled checker for the named shape (memoised; recursive shapes allowed). */
  compile(shapeName: string): CompiledShape {
    const known = this.memo.get(shapeName);
    if (known) return known;
    const shape = this.model.shape(shapeName);
    if (shape.type === 'structure') return this.structure(shapeName, shape.members, shape.required ?? []);
    if (shape.type === 'list') {
      const member = this.compile(shape.member.shape);
      return this.remember(shapeName, this.list(member, sizeRules(shape.min, shape.max, (v) => (v as unknown[]).length)));
    }
    if (shape.type === 'map') {
      const key = this.compile(shape.key.shape);
      const value = this.compile(shape.value.shape);
      return this.remember(shapeName, this.map(key, value, sizeRules(shape.min, shape.max, (v) => Object.keys(v as object).length)));
    }
    const coerce = scalarCoercion(shape.type);
    if (!coerce) throw new Error(`unsupported shape type ${(shape as { type: string }).type} for ${shapeName}`);
    const enumValues = shape.type === 'string' && shape.enum ? enumOrder(this.model.name, shapeName, shape.enum) : undefined;
    return this.remember(shapeName, this.scalarShape(shape.type, coerce, scalarRules(shape, enumValues)));
  }

  private remember(name: string, compiled: CompiledShape): CompiledShape {
    this.memo.set(name, compiled);
    return compiled;
  }

  private scalarShape(type: string, coerce: Coerce, scalar: ScalarRules): CompiledShape {
    const print: PrintShape = { kind: 'scalar', type };
    const rules = scalar.rules;
    return {
      print,
      scalar,
      coerce,
      check(value, sink) {
        for (let i = 0; i < rules.length; i++) if (!rules[i]!.ok(value)) sink.add(printValue(value, print), rules[i]!.message);
      },
    };
  }

  private structure(name: string, members: Readonly<Record<string, { shape: string }>>, required: readonly string[]): CompiledShape {
    const printMembers = new Map<string, PrintShape>();
    const lookup: Record<string, CompiledShape> = Object.create(null);
    const ordered: CompiledMember[] = [];
    const node: CompiledShape = {
      print: { kind: 'structure', className: this.className(name), members: printMembers },
      // Converts in place (the decoded body belongs to the request); copies only when unknown
      // or null members have to be dropped.
      coerce(value, wire) {
        if (!isPlainObject(value)) return mismatch(value, 'Structure');
        let clean = true;
        for (const key in value) {
          const member = lookup[key];
          const v = value[key];
          if (member === undefined || v === null || v === undefined) {
            clean = false;
            continue;
          }
          const coerced = member.coerce(v, wire);
          if (coerced !== v) value[key] = coerced;
        }
        if (clean) return value;
        const out: Record<string, unknown> = {};
        for (const key in value) {
          const v = value[key];
          if (lookup[key] !== undefined && v !== null && v !== undefined) out[key] = v;
        }
        return out;
      },
      check(value, sink) {
        const obj = value as Record<string, unknown>;
        for (let i = 0; i < ordered.length; i++) {
          if (sink.full) return;
          const m = ordered[i]!;
          const v = obj[m.name];
          sink.push(m.pathName);
          if (v === undefined) {
            if (m.required) sink.add(null, constraints.notNull());
          } else {
            m.shape.check(v, sink);
          }
          sink.pop();
        }
      },
    };
    this.memo.set(name, node);
    for (const member of memberOrder(this.model.name, name, Object.keys(members))) {
      const compiled = this.compile(members[member]!.shape);
      lookup[member] = compiled;
      printMembers.set(member, compiled.print);
      const pathName = member.charAt(0).toLowerCase() + member.slice(1);
      ordered.push({ name: member, pathName, required: required.includes(member), shape: compiled });
    }
    return node;
  }

  private list(member: CompiledShape, own: readonly ScalarRule[]): CompiledShape {
    const print: PrintShape = { kind: 'list', member: member.print };
    const scalar = member.scalar && member.scalar.rules.length > 0 ? member.scalar : undefined;
    const combined = scalar ? constraints.listMembers(scalar.combined) : '';
    return {
      print,
      coerce(value, wire) {
        if (!Array.isArray(value)) return mismatch(value, 'List');
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          value[i] = item === null || item === undefined ? null : member.coerce(item, wire);
        }
        return value;
      },
      check(value, sink) {
        const items = value as unknown[];
        for (const rule of own) if (!rule.ok(items)) sink.add(printValue(items, print), rule.message);
        if (scalar) {
          for (let i = 0; i < items.length; i++) {
            if (failsCombined(scalar, items[i])) {
              sink.add(printValue(items, print), combined);
              return;
            }
          }
          return;
        }
        if (member.scalar) return;
        for (let i = 0; i < items.length; i++) {
          if (sink.full) return;
          const item = items[i];
          sink.push(i + 1);
          sink.push('member');
          if (item === null) sink.add(null, constraints.notNull());
          else member.check(item, sink);
          sink.pop();
          sink.pop();
        }
      },
    };
  }

  private map(key: CompiledShape, value: CompiledShape, own: readonly ScalarRule[]): CompiledShape {
    const print: PrintShape = { kind: 'map', value: value.print };
    const keyRules = key.scalar && key.scalar.rules.length > 0 ? key.scalar : undefined;
    const valueRules = value.scalar && value.scalar.rules.length > 0 ? value.scalar : undefined;
    return {
      print,
      coerce(input, wire) {
        if (!isPlainObject(input)) return mismatch(input, 'Map');
        const out: Record<string, unknown> = {};
        for (const k in input) {
          const v = input[k];
          if (v === null || v === undefined) continue;
          if (k === '__proto__') Object.defineProperty(out, k, { value: value.coerce(v, wire), enumerable: true, writable: true, configurable: true });
          else out[k] = value.coerce(v, wire);
        }
        return out;
      },
      check(input, sink) {
        const obj = input as Record<string, unknown>;
        for (const rule of own) if (!rule.ok(obj)) sink.add(printValue(obj, print), rule.message);
        const keys = Object.keys(obj);
        if (keyRules && keys.some((k) => failsCombined(keyRules, k))) {
          sink.add(printValue(obj, print), constraints.mapKeys(keyRules.combined));
        }
        if (valueRules) {
          if (keys.some((k) => failsCombined(valueRules, obj[k]))) {
            sink.add(printValue(obj, print), constraints.mapValues(valueRules.combined));
          }
          return;
        }
        if (value.scalar) return;
        for (const k of keys) {
          if (sink.full) return;
          sink.push(k);
          sink.push('member');
          value.check(obj[k], sink);
          sink.pop();
          sink.pop();
        }
      },
    };
  }
}
