// The body encodings a JSON-RPC request may use, chosen by Content-Type: AWS JSON 1.0/1.1,
// plain application/json, and CBOR (as the Java SDK v2 sends it). A response uses its request's.

import { decodeCbor, encodeCbor } from '../protocol/cbor-codec.js';
import { decodeJson, encodeJson } from '../protocol/json-codec.js';
import type { OutputBufferPool } from '../protocol/output-buffer-pool.js';

export interface WireFormat {
  /** Which codec family the api layer's validator should assume (blob/timestamp rules differ). */
  readonly wire: 'json' | 'cbor';
  /** Content-Type of responses in this format. */
  readonly contentType: string;
  /** Throws AwsError (SerializationException) for malformed input. */
  decode(body: Buffer): unknown;
  /** With `pool`, a large body may be pool memory: release it to the pool once sent (JSON only). */
  encode(value: unknown, pool?: OutputBufferPool): Buffer;
}

export const CBOR_CONTENT_TYPE = 'application/x-amz-cbor-1.1';

function jsonFormat(contentType: string): WireFormat {
  return { wire: 'json', contentType, decode: decodeJson, encode: encodeJson };
}

export const cborFormat: WireFormat = { wire: 'cbor', contentType: CBOR_CONTENT_TYPE, decode: decodeCbor, encode: encodeCbor };
export const json11Format = jsonFormat('application/x-amz-json-1.1');
const json10Format = jsonFormat('application/x-amz-json-1.0');
const plainJsonFormat = jsonFormat('application/json');

/** The media type of a Content-Type header: parameters dropped, whitespace trimmed. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim();
}

/**
 * The format for a media type, or undefined when the service does not accept it.
 * `x-amz-json-1.x` must match the service's JSON version; when the target names no known service,
 * any JSON version one of `knownJsonVersions` uses is accepted (so the error comes back as JSON).
 */
export function wireFormatFor(
  mediaType: string,
  jsonVersion: '1.0' | '1.1' | undefined,
  knownJsonVersions: ReadonlySet<string>,
): WireFormat | undefined {
  switch (mediaType) {
    case CBOR_CONTENT_TYPE:
      return cborFormat;
    case 'application/json':
      return plainJsonFormat;
    case 'application/x-amz-json-1.1':
    case 'application/x-amz-json-1.0': {
      const version = mediaType.slice(-3);
      const accepted = jsonVersion === undefined ? knownJsonVersions.has(version) : jsonVersion === version;
      if (!accepted) return undefined;
      return version === '1.1' ? json11Format : json10Format;
    }
    default:
      return undefined;
  }
}
