// Writes an operation's output the rest-json way, from the model's output shape: members located
// in headers become headers, a `statusCode` member sets the status, a payload member is the raw
// body (blob/string) or its JSON, and every other member goes into a JSON body.

import type { ServiceModel, StructureShape } from '../api/model/service-model.js';
import { encodeJson } from './json-codec.js';

export interface RestJsonResponse {
  readonly status: number;
  /** Header names as the model spells them (`X-Amz-Function-Error`), plus Content-Type. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

interface LocatedMember {
  readonly shape: string;
  readonly location?: string;
  readonly locationName?: string;
}

export const REST_JSON_CONTENT_TYPE = 'application/json';

function headerText(value: unknown): string {
  if (value instanceof Date) return value.toUTCString();
  return String(value);
}

/**
 * Serialises `output` of `operation`. `defaultStatus` is the model's `http.responseCode` (used
 * unless the output sets a `statusCode` member).
 */
export function serializeRestJsonOutput(
  model: ServiceModel,
  operation: string,
  output: Readonly<Record<string, unknown>>,
  defaultStatus: number,
): RestJsonResponse {
  const ref = model.operation(operation).output;
  const headers: Record<string, string> = {};
  if (ref === undefined) return { status: defaultStatus, headers, body: Buffer.alloc(0) };
  const shape = model.shape(ref.shape) as StructureShape & { payload?: string };
  let status = defaultStatus;
  let body: Buffer | undefined;
  const doc: Record<string, unknown> = {};
  let hasBodyMembers = false;
  for (const [name, member] of Object.entries(shape.members as Readonly<Record<string, LocatedMember>>)) {
    const value = output[name];
    if (member.location === 'statusCode') {
      if (typeof value === 'number') status = value;
      continue;
    }
    if (member.location === 'header') {
      if (value !== undefined && value !== null) headers[member.locationName ?? name] = headerText(value);
      continue;
    }
    if (member.location === 'headers') {
      const prefix = member.locationName ?? '';
      for (const [key, v] of Object.entries((value ?? {}) as Record<string, unknown>)) headers[`${prefix}${key}`] = headerText(v);
      continue;
    }
    if (name === shape.payload) {
      if (value === undefined || value === null) continue;
      if (Buffer.isBuffer(value)) body = value;
      else if (typeof value === 'string') body = Buffer.from(value, 'utf8');
      else body = encodeJson(value);
      continue;
    }
    hasBodyMembers = true;
    if (value !== undefined && value !== null) doc[name] = value;
  }
  if (body === undefined && hasBodyMembers && status !== 204) body = encodeJson(doc);
  if (body === undefined) return { status, headers, body: Buffer.alloc(0) };
  return { status, headers: { ...headers, 'Content-Type': REST_JSON_CONTENT_TYPE }, body };
}
