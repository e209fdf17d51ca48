// Prints a value the way AWS's Java validator does inside `Value '...' at ...`: blobs as
// HeapByteBuffers, lists as [a, b], maps as {k=v}, structures as <package>.<Shape>@<hashCode>.
// The hash imitates Java's value-based hashCode (1 + sum of member hashes for structures, which
// gives AWS's recorded `PutRecordsRequestEntry@2` for an entry with empty key and data).

import { byteBufferString } from '../../errors/common-errors.js';

/** What the printer needs to know about a shape. */
export type PrintShape =
  | { readonly kind: 'scalar'; readonly type: string }
  | { readonly kind: 'structure'; readonly className: string; readonly members: ReadonlyMap<string, PrintShape> }
  | { readonly kind: 'list'; readonly member: PrintShape }
  | { readonly kind: 'map'; readonly value: PrintShape };

function stringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

function longHash(n: number): number {
  const b = BigInt.asIntN(64, BigInt(Math.trunc(n)));
  return Number(BigInt.asIntN(32, b ^ (b >> 32n)));
}

/** Java hashCode of a coerced value. */
export function javaHash(value: unknown, shape: PrintShape): number {
  if (value === undefined || value === null) return 0;
  switch (shape.kind) {
    case 'structure': {
      let h = 1;
      for (const [name, member] of shape.members) h = (h + javaHash((value as Record<string, unknown>)[name], member)) | 0;
      return h;
    }
    case 'list': {
      let h = 1;
      for (const item of value as unknown[]) h = (Math.imul(31, h) + javaHash(item, shape.member)) | 0;
      return h;
    }
    case 'map': {
      let h = 0;
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) h = (h + (stringHash(k) ^ javaHash(v, shape.value))) | 0;
      return h;
    }
    default:
      if (typeof value === 'string') return stringHash(value);
      if (typeof value === 'boolean') return value ? 1231 : 1237;
      if (typeof value === 'number') return shape.type === 'integer' ? value | 0 : longHash(value);
      if (value instanceof Date) return longHash(value.getTime());
      if (value instanceof Uint8Array) {
        let h = 1;
        for (let i = value.length - 1; i >= 0; i--) h = (Math.imul(31, h) + ((value[i]! << 24) >> 24)) | 0;
        return h;
      }
      return 0;
  }
}

/** The text AWS puts between the quotes of `Value '...'`. */
export function printValue(value: unknown, shape: PrintShape): string {
  if (value === undefined || value === null) return 'null';
  switch (shape.kind) {
    case 'structure':
      return `${shape.className}@${(javaHash(value, shape) >>> 0).toString(16)}`;
    case 'list':
      return `[${(value as unknown[]).map((item) => printValue(item, shape.member)).join(', ')}]`;
    case 'map':
      return `{${Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k}=${printValue(v, shape.value)}`)
        .join(', ')}}`;
    default:
      if (value instanceof Uint8Array) return byteBufferString(value.length);
      if (value instanceof Date) return value.toISOString();
      if (typeof value === 'number' && (shape.type === 'double' || shape.type === 'float') && Number.isInteger(value)) {
        return `${value}.0`;
      }
      return String(value);
  }
}
