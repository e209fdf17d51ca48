// The AWS CBOR wire codec (application/x-amz-cbor-1.1) as the Java SDK v2 speaks it: maps are
// plain objects, blobs are byte strings (Buffers), timestamps are tag 1 wrapping epoch
// MILLISECONDS (SdkCborGenerator writes `tag(1) + instant.toEpochMilli()` and the SDK reads
// payload timestamps as UNIX_TIMESTAMP_MILLIS), not the RFC's seconds.

import { addExtension, Decoder, Encoder, type Options } from 'cbor-x';
import { serializationException } from '../errors/common-errors.js';

// cbor-x registers tag handlers process-wide; Tributary is its only user, and this is the one
// place that configures it: tag 1 is epoch milliseconds in both directions.
addExtension({
  Class: Date,
  tag: 1,
  encode(date: Date, encode: (value: unknown) => Uint8Array) {
    // As an integer (uint64), never a float: the SDK parses it with Long.parseLong.
    return encode(BigInt(date.getTime()));
  },
  decode(value: unknown) {
    return new Date(Number(value));
  },
});

// int64AsNumber and useTag259ForMaps exist in cbor-x but are missing from its typings.
const decoder = new Decoder({ mapsAsObjects: true, useRecords: false, int64AsNumber: true } as Options);
const encoder = new Encoder({
  useRecords: false,
  mapsAsObjects: true,
  variableMapSize: true,
  tagUint8Array: false,
  useTag259ForMaps: false,
  pack: false,
  structuredClone: false,
} as Options);

/** Parses a request body into plain values; malformed CBOR or a top-level scalar is a SerializationException. */
export function decodeCbor(body: Buffer): unknown {
  if (body.length === 0) throw serializationException();
  let value: unknown;
  try {
    value = decoder.decode(body);
  } catch {
    throw serializationException();
  }
  if (typeof value !== 'object' || value === null || value instanceof Date || value instanceof Uint8Array) {
    throw serializationException();
  }
  return value;
}

/**
 * Readies a value for cbor-x: drops undefined members and turns integers past 32 bits into
 * BigInts, which cbor-x writes as CBOR integers (it would write them as float64, which the Java
 * SDK cannot read into a Long). Returns the same object when nothing needs changing.
 */
function prepare(value: unknown): unknown {
  if (typeof value === 'number') {
    return Number.isInteger(value) && (value > 0xffffffff || value < -0x100000000) ? BigInt(value) : value;
  }
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array || value instanceof Date) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = prepare(value[i] === undefined ? null : value[i]);
      if (v !== value[i] && !copy) copy = value.slice(0, i);
      if (copy) copy.push(v);
    }
    return copy ?? value;
  }
  const obj = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key in obj) {
    const original = obj[key];
    const v = original === undefined ? undefined : prepare(original);
    if ((original === undefined || v !== original) && !copy) {
      copy = {};
      for (const k in obj) {
        if (k === key) break;
        copy[k] = obj[k];
      }
    }
    if (copy && v !== undefined) copy[key] = v;
  }
  return copy ?? value;
}

/** Serialises an output or error body; undefined members are omitted. */
export function encodeCbor(value: unknown): Buffer {
  const bytes: Uint8Array = encoder.encode(prepare(value));
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
