// Type checks and coercions for scalar model types, as AWS's deserializer does them: a wrong JSON
// or CBOR type is a SerializationException with AWS's text; numbers truncate like Coral's
// TruncatingBigNumber; JSON blobs are base64 → Buffer; timestamps become Dates.

import {
  serializationException,
  stringToBooleanMessage,
  typeMismatchMessage,
  type TargetType,
  type WireKind,
} from '../../errors/common-errors.js';
import { decodeBase64Blob } from './base64-blob.js';

export type Wire = 'json' | 'cbor';
export type Coerce = (value: unknown, wire: Wire) => unknown;

/** The wire kind of a decoded value, as AWS's messages name it. */
export function kindOf(value: unknown): WireKind {
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
    case 'bigint':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      if (Array.isArray(value)) return 'list';
      if (value instanceof Uint8Array) return 'blob';
      if (value instanceof Date) return 'number';
      return 'map';
  }
}

/** Throws the SerializationException for `value` where `target` was expected. */
export function mismatch(value: unknown, target: Parameters<typeof typeMismatchMessage>[1]): never {
  throw serializationException(typeMismatchMessage(kindOf(value), target));
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.getTime();
  return undefined;
}

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;

const coerceString: Coerce = (v) => (typeof v === 'string' ? v : mismatch(v, 'String'));

function integral(target: TargetType, clamp: boolean): Coerce {
  return (v) => {
    const n = toNumber(v);
    if (n === undefined) return mismatch(v, target);
    if (Number.isNaN(n)) return 0;
    const t = Math.floor(n);
    if (!clamp) return t;
    return t > INT_MAX ? INT_MAX : t < INT_MIN ? INT_MIN : t;
  };
}

function floating(target: TargetType): Coerce {
  return (v) => {
    const n = toNumber(v);
    return n === undefined ? mismatch(v, target) : n;
  };
}

const truthy = new Set(['TRUE', '1', 'YES']);
const falsy = new Set(['FALSE', '0', 'NO']);

const coerceBoolean: Coerce = (v) => {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const upper = v.toUpperCase();
    if (truthy.has(upper)) return true;
    if (falsy.has(upper)) return false;
    throw serializationException(stringToBooleanMessage(v));
  }
  return mismatch(v, 'Boolean');
};

const coerceBlob: Coerce = (v) => {
  if (typeof v === 'string') return decodeBase64Blob(v);
  if (Buffer.isBuffer(v)) return v;
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  return mismatch(v, 'Blob');
};

/** JSON carries epoch seconds (with a fraction); the CBOR protocol carries epoch milliseconds. */
const coerceTimestamp: Coerce = (v, wire) => {
  if (v instanceof Date) return v;
  const n = toNumber(v);
  if (n === undefined) return mismatch(v, 'Timestamp');
  return new Date(wire === 'json' ? Math.round(n * 1000) : n);
};

/** The coercion for a scalar model type, or undefined for structure/list/map. */
export function scalarCoercion(type: string): Coerce | undefined {
  switch (type) {
    case 'string':
      return coerceString;
    case 'integer':
      return integral('Integer', true);
    case 'long':
      return integral('Long', false);
    case 'double':
      return floating('Double');
    case 'float':
      return floating('Float');
    case 'boolean':
      return coerceBoolean;
    case 'blob':
      return coerceBlob;
    case 'timestamp':
      return coerceTimestamp;
    default:
      return undefined;
  }
}
