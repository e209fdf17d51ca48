// Gathers a rest-json request's input from where the model says each member travels: URI labels,
// query string, headers, a raw payload, or the JSON body. Strings from URI/query/headers are
// converted to the member's scalar type; the result then goes through the model validator like a
// JSON-RPC body does. Malformed JSON bodies throw SerializationException (json-codec).

import type { IncomingHttpHeaders } from 'node:http';
import type { ServiceModel, Shape, StructureShape } from '../api/model/service-model.js';
import { serializationException } from '../errors/common-errors.js';
import { decodeJson } from './json-codec.js';

export interface RestJsonRequestParts {
  /** Decoded URI label values (from the route match). */
  readonly labels: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** Lower-cased header names. */
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

interface LocatedMember {
  readonly shape: string;
  readonly location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  readonly locationName?: string;
}

/** Converts a URI/query/header string to the scalar type of `shape` (left as is when it does not parse). */
export function fromText(text: string, shape: Shape): unknown {
  switch (shape.type) {
    case 'integer':
    case 'long':
    case 'double':
    case 'float': {
      const n = Number(text);
      return text.trim() !== '' && Number.isFinite(n) ? n : text;
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'timestamp': {
      const epoch = Number(text);
      const date = Number.isFinite(epoch) && text.trim() !== '' ? new Date(epoch * 1000) : new Date(text);
      return Number.isNaN(date.getTime()) ? text : date;
    }
    case 'blob':
      return Buffer.from(text, 'base64');
    default:
      return text;
  }
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}

function fromQuery(model: ServiceModel, member: LocatedMember, query: URLSearchParams): unknown {
  const shape = model.shape(member.shape);
  const name = member.locationName ?? '';
  if (shape.type === 'list') {
    const values = query.getAll(name);
    return values.length === 0 ? undefined : values.map((v) => fromText(v, model.shape(shape.member.shape)));
  }
  if (shape.type === 'map') {
    const map: Record<string, unknown> = {};
    for (const [key, value] of query) map[key] = fromText(value, model.shape(shape.value.shape));
    return map;
  }
  const value = query.get(name);
  return value === null ? undefined : fromText(value, shape);
}

function fromHeaders(model: ServiceModel, member: LocatedMember, headers: IncomingHttpHeaders): unknown {
  const shape = model.shape(member.shape);
  if (member.location === 'headers') {
    const prefix = (member.locationName ?? '').toLowerCase();
    const map: Record<string, string> = {};
    for (const [key, value] of Object.entries(headers)) {
      if (key.startsWith(prefix) && typeof value === 'string') map[key.slice(prefix.length)] = value;
    }
    return Object.keys(map).length === 0 ? undefined : map;
  }
  const value = headerValue(headers, member.locationName ?? '');
  return value === undefined ? undefined : fromText(value, shape);
}

/**
 * The operation's input as a plain object with wire member names, ready for the model validator.
 * Throws SerializationException when a JSON body is malformed or not an object.
 */
export function bindRestJsonInput(model: ServiceModel, operation: string, parts: RestJsonRequestParts): Record<string, unknown> {
  const ref = model.operation(operation).input;
  if (ref === undefined) return {};
  const shape = model.shape(ref.shape) as StructureShape & { payload?: string };
  const input: Record<string, unknown> = {};
  const bodyMembers: string[] = [];
  for (const [name, member] of Object.entries(shape.members as Readonly<Record<string, LocatedMember>>)) {
    let value: unknown;
    switch (member.location) {
      case 'uri':
        value = parts.labels[member.locationName ?? name];
        break;
      case 'querystring':
        value = fromQuery(model, member, parts.query);
        break;
      case 'header':
      case 'headers':
        value = fromHeaders(model, member, parts.headers);
        break;
      default:
        if (name === shape.payload) value = payloadOf(model, member, parts.body);
        else bodyMembers.push(name);
    }
    if (value !== undefined) input[name] = value;
  }
  if (bodyMembers.length > 0 && shape.payload === undefined && parts.body.length > 0) {
    const doc = decodeJsonObject(parts.body);
    for (const name of bodyMembers) if (doc[name] !== undefined) input[name] = doc[name];
  }
  return input;
}

function payloadOf(model: ServiceModel, member: LocatedMember, body: Buffer): unknown {
  const type = model.shape(member.shape).type;
  if (type === 'blob') return body.length === 0 ? undefined : body;
  if (type === 'string') return body.length === 0 ? undefined : body.toString('utf8');
  return body.length === 0 ? undefined : decodeJsonObject(body);
}

function decodeJsonObject(body: Buffer): Record<string, unknown> {
  const doc = decodeJson(body);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw serializationException();
  return doc as Record<string, unknown>;
}
