// Hash keys: a partition key's MD5 digest read as an unsigned 128-bit integer, as AWS computes it.
// Internally a hash key is a 32-char lowercase hex string: for equal-length lowercase hex, string
// order is numeric order, so routing compares strings and never builds a bigint on the hot path.

import crypto from 'node:crypto';

/** 2^128 - 1, the largest hash key, as AWS prints it in messages and shard ranges. */
export const MAX_HASH_KEY_DECIMAL = '340282366920938463463374607431768211455';

const md5Hex: (input: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (input) => crypto.hash('md5', input, 'hex')
    : (input) => crypto.createHash('md5').update(input, 'utf8').digest('hex');

/** The hash key of a partition key (MD5 of its UTF-8 bytes), as 32 lowercase hex chars. */
export function partitionKeyHash(partitionKey: string): string {
  return md5Hex(partitionKey);
}

/**
 * Whether a decimal string (already matching the model's `0|([1-9]\d{0,38})`) is a valid
 * ExplicitHashKey, i.e. lies in [0, 2^128 - 1].
 */
export function isValidExplicitHashKey(decimal: string): boolean {
  if (!/^(0|[1-9]\d{0,38})$/.test(decimal)) return false;
  return decimal.length < 39 || decimal <= MAX_HASH_KEY_DECIMAL;
}

/** Converts a valid decimal hash key (ExplicitHashKey or a shard range bound) to 32-char hex. */
export function decimalToHashHex(decimal: string): string {
  return BigInt(decimal).toString(16).padStart(32, '0');
}

/** Converts a 32-char hex hash key back to its decimal form. */
export function hashHexToDecimal(hex: string): string {
  return BigInt(`0x${hex}`).toString(10);
}
