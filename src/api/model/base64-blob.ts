// Strict base64 decoding for JSON blob members, failing with AWS's SerializationException texts.
// Node's decoder silently skips bad characters and accepts the URL-safe alphabet; AWS does not.

import { base64Errors, serializationException } from '../../errors/common-errors.js';

const EMPTY = Buffer.alloc(0);
const firstBad = /[^a-zA-Z0-9+/=]|=[^=]/;

function sextet(code: number): number {
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 97 && code <= 122) return code - 71;
  if (code >= 48 && code <= 57) return code + 4;
  return code === 43 ? 62 : 63;
}

function invalid(value: string): never {
  const bad = firstBad.exec(value);
  if (bad) throw serializationException(base64Errors.character(value, bad[0][0]!));
  throw serializationException(base64Errors.lastCharacter(value));
}

/**
 * Decodes standard padded base64; throws SerializationException for anything AWS rejects.
 * Fast path: Node's decoder skips bad characters and stops at '=', so a decoded length other
 * than the expected one means a bad character; only '-' and '_' (URL-safe) need a search.
 */
export function decodeBase64Blob(value: string): Buffer {
  const len = value.length;
  if (len === 0) return EMPTY;
  if (len % 4 !== 0) throw serializationException(base64Errors.length(value));
  const pad = value.charCodeAt(len - 1) !== 61 ? 0 : value.charCodeAt(len - 2) === 61 ? 2 : 1;
  const decoded = Buffer.from(value, 'base64');
  if (decoded.length !== (len / 4) * 3 - pad || value.indexOf('-') !== -1 || value.indexOf('_') !== -1) invalid(value);
  if (pad > 0) {
    const last = sextet(value.charCodeAt(len - 1 - pad));
    if ((pad === 1 && (last & 0x3) !== 0) || (pad === 2 && (last & 0xf) !== 0)) invalid(value);
  }
  return decoded;
}
