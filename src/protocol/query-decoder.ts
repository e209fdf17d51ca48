// Decodes query-protocol parameters (`Action=SendMessage&MessageAttribute.1.Name=k&...`, from a
// form body or a URL) into the JSON-shaped input of the operation, guided by the model and the
// service's QueryNames, inverting botocore's QuerySerializer. Scalars are typed by the model
// (integers, booleans); blobs stay base64 text for the validator to decode, as in JSON.

import type { MemberRef, ServiceModel } from '../api/model/service-model.js';
import { isFlattened, mapEntryNames, memberName, type QueryNames } from './query-names.js';

function scalar(type: string, text: string): unknown {
  switch (type) {
    case 'integer':
    case 'long':
      return /^[+-]?\d+$/.test(text.trim()) ? Number(text.trim()) : text;
    case 'float':
    case 'double':
      return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    default:
      return text;
  }
}

export class QueryDecoder {
  private readonly keys: string[];

  constructor(
    private readonly model: ServiceModel,
    private readonly names: QueryNames,
    private readonly params: ReadonlyMap<string, string>,
  ) {
    this.keys = [...params.keys()];
  }

  /** The input structure `shapeName` from the parameters (absent members omitted). */
  decode(shapeName: string): Record<string, unknown> {
    return this.structure(shapeName, '');
  }

  private structure(shapeName: string, prefix: string): Record<string, unknown> {
    const shape = this.model.shape(shapeName);
    const out: Record<string, unknown> = {};
    if (shape.type !== 'structure') return out;
    for (const [member, ref] of Object.entries(shape.members)) {
      const name = memberName(this.names, shapeName, member);
      const value = this.value(ref, prefix === '' ? name : `${prefix}.${name}`);
      if (value !== undefined) out[member] = value;
    }
    return out;
  }

  private value(ref: MemberRef, key: string): unknown {
    const shape = this.model.shape(ref.shape);
    switch (shape.type) {
      case 'structure':
        return this.hasUnder(key) ? this.structure(ref.shape, key) : undefined;
      case 'list': {
        const itemName = this.names.listMembers[ref.shape];
        let base = `${key}.${itemName ?? 'member'}`;
        if (isFlattened(ref, shape)) base = itemName === undefined ? key : [...key.split('.').slice(0, -1), itemName].join('.');
        const indices = this.indicesUnder(base);
        if (indices.length === 0) return undefined;
        return indices.map((i) => this.value(shape.member, `${base}.${i}`) ?? null);
      }
      case 'map': {
        const [keyName, valueName] = mapEntryNames(this.names, ref.shape);
        const base = isFlattened(ref, shape) ? key : `${key}.entry`;
        const indices = this.indicesUnder(base);
        if (indices.length === 0) return undefined;
        const out: Record<string, unknown> = {};
        for (const i of indices) {
          const entryKey = this.params.get(`${base}.${i}.${keyName}`);
          if (entryKey !== undefined) out[entryKey] = this.value(shape.value, `${base}.${i}.${valueName}`) ?? null;
        }
        return out;
      }
      default: {
        const text = this.params.get(key);
        return text === undefined ? undefined : scalar(shape.type, text);
      }
    }
  }

  private hasUnder(prefix: string): boolean {
    const start = `${prefix}.`;
    return this.keys.some((k) => k.startsWith(start));
  }

  /** The distinct positive indices N of keys `<prefix>.N` or `<prefix>.N.<...>`, ascending. */
  private indicesUnder(prefix: string): number[] {
    const start = `${prefix}.`;
    const found = new Set<number>();
    for (const key of this.keys) {
      if (!key.startsWith(start)) continue;
      const segment = key.slice(start.length).split('.')[0]!;
      if (/^[1-9]\d{0,5}$/.test(segment)) found.add(Number(segment));
    }
    return [...found].sort((a, b) => a - b);
  }
}
