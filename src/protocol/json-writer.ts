// Serialises output values to JSON bytes in two passes: measure the exact byte length, then write
// into one Buffer of that size. Responses of ~15 MB (GetRecords) are thus built without string
// concatenation or a final copy; blobs are the only values that pass through a (short) string.
//
// Conventions (as the AWS JSON protocols expect): Buffers and Uint8Arrays → base64 strings, Dates →
// epoch seconds with a millisecond fraction, non-finite numbers → null, undefined/functions/symbols
// → omitted from objects and null in arrays. Strings are escaped exactly as JSON.stringify does.

import type { OutputBufferPool } from './output-buffer-pool.js';

/** A char JSON.stringify escapes, or one that is not ASCII (so not one byte in UTF-8). */
const NOT_PLAIN = /[\u0000-\u001f"\\\u0080-\uffff]/;
const MAX_CACHED_KEYS = 1024;
const QUOTE = 0x22;

/** `"Key":` as bytes for the object keys seen so far (wire names, mostly); plain keys only. */
const keyBytes = new Map<string, Buffer>();

function memberPrefix(key: string): Buffer | undefined {
  let bytes = keyBytes.get(key);
  if (bytes === undefined && keyBytes.size < MAX_CACHED_KEYS && !NOT_PLAIN.test(key)) {
    bytes = Buffer.from(`"${key}":`, 'latin1');
    keyBytes.set(key, bytes);
  }
  return bytes;
}

let lastDateMs = Number.NaN;
let lastDateText = Buffer.from('null', 'latin1');

/** Epoch seconds with a millisecond fraction; remembers the last one, as batches share timestamps. */
function dateText(date: Date): Buffer {
  const ms = date.getTime();
  if (ms !== lastDateMs && !(Number.isNaN(ms) && Number.isNaN(lastDateMs))) {
    lastDateMs = ms;
    lastDateText = Buffer.from(Number.isFinite(ms) ? String(ms / 1000) : 'null', 'latin1');
  }
  return lastDateText;
}

/**
 * Buffer's one-byte string copy, which `write(text, pos, 'latin1')` calls after validating its
 * arguments; called directly because it runs three times per GetRecords record.
 */
interface Latin1Writable {
  latin1Write(text: string, offset: number): number;
}

/** Buffer's base64 encoder, which `toString('base64')` calls after decoding its arguments; called directly once per blob. */
interface Base64Sliceable {
  base64Slice(start: number, end: number): string;
}

/** One encoding: measure() then write() on the same value, with nothing changing it in between. */
class JsonEncoding {
  /** Whether every string measured was plain (no escapes, ASCII): write() then copies them unchecked. */
  private allPlain = true;
  private out = Buffer.alloc(0) as Buffer & Latin1Writable;
  private pos = 0;

  encode(value: unknown, pool: OutputBufferPool | undefined): Buffer {
    const size = this.measure(value);
    if (size < 0) return Buffer.from('null', 'latin1');
    this.out = (pool === undefined ? Buffer.allocUnsafe(size) : pool.acquire(size)) as Buffer & Latin1Writable;
    this.write(value);
    if (this.pos !== size) throw new Error(`JSON writer wrote ${this.pos} bytes, measured ${size}`);
    return this.out;
  }

  private measureString(s: string): number {
    if (!NOT_PLAIN.test(s)) return s.length + 2;
    this.allPlain = false;
    return Buffer.byteLength(JSON.stringify(s), 'utf8');
  }

  /** Exact bytes write() will produce, or -1 for undefined/functions/symbols (omitted, or null in arrays). */
  private measure(value: unknown): number {
    switch (typeof value) {
      case 'string':
        return this.measureString(value);
      case 'number':
        return Number.isFinite(value) ? String(value).length : 4;
      case 'boolean':
        return value ? 4 : 5;
      case 'bigint':
        return value.toString().length;
      case 'object': {
        if (value === null) return 4;
        if (value instanceof Uint8Array) return 4 * Math.ceil(value.byteLength / 3) + 2;
        if (value instanceof Date) return dateText(value).length;
        if (Array.isArray(value)) {
          let n = value.length > 0 ? value.length + 1 : 2;
          for (let i = 0; i < value.length; i++) {
            const m = this.measure(value[i]);
            n += m < 0 ? 4 : m;
          }
          return n;
        }
        const obj = value as Record<string, unknown>;
        let n = 2;
        let members = 0;
        for (const key in obj) {
          const m = this.measure(obj[key]);
          if (m < 0) continue;
          const prefix = memberPrefix(key);
          n += (prefix === undefined ? this.measureString(key) + 1 : prefix.length) + m;
          members++;
        }
        return members > 0 ? n + members - 1 : n;
      }
      default:
        return -1;
    }
  }

  private byte(b: number): void {
    this.out[this.pos++] = b;
  }

  private ascii(text: string): void {
    this.pos += this.out.latin1Write(text, this.pos);
  }

  private bytes(bytes: Uint8Array): void {
    this.out.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  private writeString(s: string): void {
    if (this.allPlain || !NOT_PLAIN.test(s)) {
      this.byte(QUOTE);
      this.ascii(s);
      this.byte(QUOTE);
    } else {
      this.pos += this.out.write(JSON.stringify(s), this.pos, 'utf8');
    }
  }

  private writeBlob(bytes: Uint8Array): void {
    const buf = (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as Buffer & Base64Sliceable;
    this.byte(QUOTE);
    if (buf.length > 0) this.ascii(buf.base64Slice(0, buf.length));
    this.byte(QUOTE);
  }

  private write(value: unknown): void {
    switch (typeof value) {
      case 'string':
        return this.writeString(value);
      case 'number':
        return this.ascii(Number.isFinite(value) ? String(value) : 'null');
      case 'boolean':
        return this.ascii(value ? 'true' : 'false');
      case 'bigint':
        return this.ascii(value.toString());
      case 'object': {
        if (value === null) return this.ascii('null');
        if (value instanceof Uint8Array) return this.writeBlob(value);
        if (value instanceof Date) return this.bytes(dateText(value));
        if (Array.isArray(value)) return this.writeArray(value);
        return this.writeObject(value as Record<string, unknown>);
      }
      default:
        return this.ascii('null');
    }
  }

  private writeArray(list: readonly unknown[]): void {
    this.byte(0x5b); // [
    for (let i = 0; i < list.length; i++) {
      if (i > 0) this.byte(0x2c); // ,
      this.write(list[i]);
    }
    this.byte(0x5d); // ]
  }

  private writeObject(obj: Record<string, unknown>): void {
    this.byte(0x7b); // {
    let first = true;
    for (const key in obj) {
      const member = obj[key];
      const type = typeof member;
      if (type === 'undefined' || type === 'function' || type === 'symbol') continue;
      if (!first) this.byte(0x2c); // ,
      first = false;
      const prefix = keyBytes.get(key);
      if (prefix !== undefined) this.bytes(prefix);
      else {
        this.writeString(key);
        this.byte(0x3a); // :
      }
      this.write(member);
    }
    this.byte(0x7d); // }
  }
}

/**
 * The JSON text of `value` as one Buffer of exactly its length (`null` for undefined), taken
 * from `pool` when given (the caller then releases it to the pool when done with it).
 */
export function writeJson(value: unknown, pool?: OutputBufferPool): Buffer {
  return new JsonEncoding().encode(value, pool);
}
