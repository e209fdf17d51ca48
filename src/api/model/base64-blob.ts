// Strict base64 decoding for JSON blob members, failing with AWS's SerializationException texts.
// Node's decoder silently skips bad characters and accepts the URL-safe alphabet; AWS does not.

import { base64Errors, serializationException } from '../../errors/common-errors.js';

const strict = /^[A-Za-z0-9+/]*={0,2}$/;
const firstBad = /[^a-zA-Z0-9+/=]|=[^=]/;

function sextet(code: number): number {
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 97 && code <= 122) return code - 71;
  if (code >= 48 && code <= 57) return code + 4;
  return code === 43 ? 62 : 63;
}

/** Decodes standard padded base64; throws SerializationException for anything AWS rejects. */
export function decodeBase64Blob(value: string): Buffer {
  const len = value.length;
  if (len === 0) return Buffer.alloc(0);
  if (len % 4 !== 0) throw serializationException(base64Errors.length(value));
  if (!strict.test(value)) {
    const bad = firstBad.exec(value);
    if (bad) throw serializationException(base64Errors.character(value, bad[0][0]!));
    throw serializationException(base64Errors.lastCharacter(value));
  }
  const pad = value.charCodeAt(len - 1) !== 61 ? 0 : value.charCodeAt(len - 2) === 61 ? 2 : 1;
  if (pad > 0) {
    const last = sextet(value.charCodeAt(len - 1 - pad));
    if ((pad === 1 && (last & 0x3) !== 0) || (pad === 2 && (last & 0xf) !== 0)) {
      throw serializationException(base64Errors.lastCharacter(value));
    }
  }
  return Buffer.from(value, 'base64');
}
