// The AWS JSON 1.0/1.1 wire codec. Decoding rejects what AWS rejects (empty body, invalid UTF-8,
// malformed JSON, a top-level scalar) with a message-less SerializationException. Encoding
// writes blobs as base64 and timestamps as epoch seconds with a millisecond fraction, straight
// into one Buffer of the measured size (json-writer.ts).

import { isUtf8 } from 'node:buffer';
import { serializationException } from '../errors/common-errors.js';
import { writeJson } from './json-writer.js';
import type { OutputBufferPool } from './output-buffer-pool.js';

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

/**
 * Serialises an output or error body (conventions in json-writer.ts) into one exact-size Buffer.
 * With `pool`, large bodies reuse its memory: release the Buffer to it once it has been sent.
 */
export function encodeJson(value: unknown, pool?: OutputBufferPool): Buffer {
  return writeJson(value, pool);
}
