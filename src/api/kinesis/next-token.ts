// NextToken for ListShards and ListStreams: an opaque base64 string carrying where the next page
// starts and when the token stops being valid (AWS: 300 seconds after it was issued).

import { expiredNextToken, invalidNextToken } from '../../errors/kinesis-errors.js';

export const NEXT_TOKEN_TTL_MS = 300_000;

export type TokenFields = Readonly<Record<string, string | number>>;

/** A token for `kind` carrying `fields`, valid for NEXT_TOKEN_TTL_MS from `now`. */
export function encodeNextToken(kind: string, fields: TokenFields, now: number): string {
  return Buffer.from(JSON.stringify({ k: kind, x: now + NEXT_TOKEN_TTL_MS, f: fields }), 'utf8').toString('base64');
}

/**
 * The fields of a token made by encodeNextToken for `kind`. Throws InvalidArgumentException for
 * anything else and ExpiredNextTokenException once it has expired.
 */
export function decodeNextToken(kind: string, token: string, now: number): TokenFields {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    throw invalidNextToken();
  }
  if (!isToken(parsed) || parsed.k !== kind) throw invalidNextToken();
  if (now >= parsed.x) throw expiredNextToken();
  return parsed.f;
}

function isToken(value: unknown): value is { k: string; x: number; f: TokenFields } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v['k'] !== 'string' || typeof v['x'] !== 'number' || typeof v['f'] !== 'object' || v['f'] === null) return false;
  return Object.values(v['f'] as object).every((f) => typeof f === 'string' || typeof f === 'number');
}
