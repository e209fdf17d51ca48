// The AWS JSON 1.0/1.1 wire codec. Decoding rejects what AWS rejects (empty body, invalid UTF-8,
// malformed JSON, a top-level scalar) with a message-less SerializationException. Encoding
// writes blobs as base64 and timestamps as epoch seconds with a millisecond fraction.

import { isUtf8 } from 'node:buffer';
import { serializationException } from '../errors/common-errors.js';

/**
 * Parses a request body. Returns a plain object or array (arrays are left for the validator,
 * which answers `Start of list found where not expected`).
 */
export function decodeJson(body: Buffer): unknown {
  let start = 0;
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) start = 3;
  const bytes = start === 0 ? body : body.subarray(start);
  if (bytes.length === 0 || !isUtf8(bytes)) throw serializationException();
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw serializationException();
  }
  if (typeof value !== 'object' || value === null) throw serializationException();
  return value;
}

function epochSeconds(date: Date): string {
  const ms = date.getTime();
  return Number.isFinite(ms) ? String(ms / 1000) : 'null';
}

function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'object': {
      if (value === null) return 'null';
      if (Buffer.isBuffer(value)) return `"${value.toString('base64')}"`;
      if (value instanceof Uint8Array) {
        return `"${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}"`;
      }
      if (value instanceof Date) return epochSeconds(value);
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + (write(value[i]) ?? 'null');
        return `${out}]`;
      }
      let out = '{';
      let first = true;
      const obj = value as Record<string, unknown>;
      for (const key in obj) {
        const encoded = write(obj[key]);
        if (encoded === undefined) continue;
        out += `${first ? '' : ','}${JSON.stringify(key)}:${encoded}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      return undefined;
  }
}

/** Serialises an output or error body; undefined members are omitted. */
export function encodeJson(value: unknown): Buffer {
  return Buffer.from(write(value) ?? 'null', 'utf8');
}
