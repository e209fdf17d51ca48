// Message attributes between the wire and the engine: validated as SQS does (names, types,
// values, at most 10), converted to stored form (binary as base64), sized for the message size
// limit, filtered by the names a receive asks for, and converted back for responses.

import { invalidParameterValue } from '../../errors/sqs-errors.js';
import type { StoredAttribute, StoredAttributes } from '../../queues/queue-records.js';

interface WireAttribute {
  readonly DataType?: string;
  readonly StringValue?: string;
  readonly BinaryValue?: Buffer;
  readonly StringListValues?: readonly unknown[];
  readonly BinaryListValues?: readonly unknown[];
}

const NAME = /^[A-Za-z0-9_.-]+$/;
const TYPE = /^(String|Number|Binary)(\..+)?$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INVALID_CHARACTER = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Whether `text` has characters SQS does not accept in bodies and string values. */
export function hasInvalidCharacters(text: string): boolean {
  return INVALID_CHARACTER.test(text);
}

function checkName(name: string): void {
  if (name.length > 256) throw invalidParameterValue('Message (user) attribute names must be shorter than 256 Bytes');
  if (!NAME.test(name)) {
    throw invalidParameterValue('Message (user) attributes name can only contain upper and lower score characters, digits, periods, hyphens and underscores. ');
  }
  const lower = name.toLowerCase();
  if (lower.startsWith('aws.') || lower.startsWith('amazon.') || name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
    throw invalidParameterValue(
      "You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are reserved for internal use. Additionally, they cannot start or end with '.'.",
    );
  }
}

function storedAttribute(name: string, value: WireAttribute): StoredAttribute {
  const dataType = value.DataType ?? '';
  if (dataType === '') throw invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute type.`);
  const kind = TYPE.exec(dataType)?.[1];
  if (kind === undefined) {
    throw invalidParameterValue(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
  }
  if (dataType.length > 256) throw invalidParameterValue('Message (user) attribute types must be shorter than 256 Bytes');
  if (kind === 'Binary') {
    if (value.BinaryValue === undefined || value.BinaryValue.length === 0) {
      throw invalidParameterValue(`Message (user) attribute '${name}' must contain a non-empty value of type 'Binary'.`);
    }
    return { dataType, binaryValue: value.BinaryValue.toString('base64') };
  }
  const text = value.StringValue;
  if (text === undefined || text === '') throw invalidParameterValue(`Message (user) attribute '${name}' must contain a non-empty value of type '${kind}'.`);
  if (kind === 'Number' && !NUMBER.test(text.trim())) throw invalidParameterValue(`Can't cast the value of message (user) attribute '${name}' to a number.`);
  if (hasInvalidCharacters(text)) {
    throw invalidParameterValue(`Message (user) attribute '${name}' contains invalid characters.`);
  }
  return { dataType, stringValue: text };
}

/** Validated user message attributes (SendMessage `MessageAttributes`). */
export function userAttributes(input: unknown): StoredAttributes {
  const entries = Object.entries((input ?? {}) as Record<string, WireAttribute>);
  if (entries.length > 10) throw invalidParameterValue(`Number of message attributes [${entries.length}] exceeds the allowed maximum [10].`);
  const out: Record<string, StoredAttribute> = {};
  for (const [name, value] of entries) {
    checkName(name);
    out[name] = storedAttribute(name, value);
  }
  return out;
}

/** Validated system attributes (`MessageSystemAttributes`: only AWSTraceHeader, a String). */
export function systemAttributes(input: unknown): StoredAttributes {
  const out: Record<string, StoredAttribute> = {};
  for (const [name, value] of Object.entries((input ?? {}) as Record<string, WireAttribute>)) {
    if (name !== 'AWSTraceHeader') throw invalidParameterValue(`Message system attribute name '${name}' is invalid.`);
    if (value.DataType !== 'String') throw invalidParameterValue(`Message system attribute '${name}' must be of type 'String'.`);
    out[name] = storedAttribute(name, value);
  }
  return out;
}

/** Bytes the attributes count toward the message size: names, types and values. */
export function attributesSize(attributes: StoredAttributes): number {
  let size = 0;
  for (const [name, a] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(a.dataType);
    size += a.binaryValue !== undefined ? Buffer.byteLength(a.binaryValue, 'base64') : Buffer.byteLength(a.stringValue ?? '');
  }
  return size;
}

/** The attributes a receive asks for: `All`, `.*`, exact names, or `prefix.*`. */
export function selectAttributes(attributes: StoredAttributes, requested: readonly string[]): StoredAttributes {
  if (requested.length === 0) return {};
  if (requested.includes('All') || requested.includes('.*')) return attributes;
  const prefixes = requested.filter((r) => r.endsWith('.*')).map((r) => r.slice(0, -2));
  const out: Record<string, StoredAttribute> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (requested.includes(name) || prefixes.some((p) => name.startsWith(p))) out[name] = value;
  }
  return out;
}

/** Stored attributes in wire form (`{DataType, StringValue | BinaryValue}`). */
export function wireAttributes(attributes: StoredAttributes): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, a] of Object.entries(attributes)) {
    out[name] = a.binaryValue !== undefined ? { BinaryValue: Buffer.from(a.binaryValue, 'base64'), DataType: a.dataType } : { StringValue: a.stringValue, DataType: a.dataType };
  }
  return out;
}
