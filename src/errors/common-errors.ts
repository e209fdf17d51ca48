// Errors every AWS JSON-RPC service shares (protocol, validation, auth, internal), with AWS's
// exact wording as observed by kinesalite against Kinesis. Only these builders spell them.

import { AwsError } from './aws-error.js';

/**
 * AWS answers SerializationException with the message under `Message` (capital M), unlike every
 * other error (`message`). The http layer asks `errorMessageKey(err)` when writing the body.
 */
export class SerializationException extends AwsError {
  constructor(message?: string) {
    super('SerializationException', message, 400);
  }
}

/** The body key AWS uses for this error's message: `Message` for SerializationException. */
export function errorMessageKey(err: AwsError): 'message' | 'Message' {
  return err instanceof SerializationException ? 'Message' : 'message';
}

/** Malformed body (not JSON/CBOR, invalid UTF-8, not an object) or a type mismatch. */
export function serializationException(message?: string): SerializationException {
  return new SerializationException(message);
}

/** Up to 10 constraint violations, each built by `violationMessage`. */
export function validationException(violations: readonly string[]): AwsError {
  const listed = violations.slice(0, 10);
  const noun = listed.length === 1 ? 'error' : 'errors';
  return new AwsError('ValidationException', `${listed.length} validation ${noun} detected: ${listed.join('; ')}`);
}

/**
 * One violation: `Value 'x' at 'a.b' failed to satisfy constraint: Member must ...`.
 * @param printed the value as AWS prints it (see value-printer), or null for a missing value
 */
export function violationMessage(printed: string | null, path: string, constraint: string): string {
  const value = printed === null ? 'null' : `'${printed}'`;
  return `Value ${value} at '${path}' failed to satisfy constraint: ${constraint}`;
}

/** How AWS (Java) prints a blob value in a violation. */
export function byteBufferString(length: number): string {
  return `java.nio.HeapByteBuffer[pos=0 lim=${length} cap=${length}]`;
}

export const constraints = {
  notNull: (): string => 'Member must not be null',
  minValue: (min: number): string => `Member must have value greater than or equal to ${min}`,
  maxValue: (max: number): string => `Member must have value less than or equal to ${max}`,
  minLength: (min: number): string => `Member must have length greater than or equal to ${min}`,
  maxLength: (max: number): string => `Member must have length less than or equal to ${max}`,
  pattern: (pattern: string): string => `Member must satisfy regular expression pattern: ${pattern}`,
  enumSet: (values: readonly string[]): string => `Member must satisfy enum value set: [${values.join(', ')}]`,
  /** The constraints of a list's scalar member, reported once at the list's path. */
  listMembers: (inner: readonly string[]): string => `Member must satisfy constraint: [${inner.join(', ')}]`,
  mapKeys: (inner: readonly string[]): string => `Map keys must satisfy constraint: [${inner.join(', ')}]`,
  mapValues: (inner: readonly string[]): string => `Map value must satisfy constraint: [${inner.join(', ')}]`,
} as const;

/** The Java type names AWS's deserializer reports in type-mismatch messages. */
export type WireKind = 'string' | 'number' | 'boolean' | 'list' | 'map' | 'blob';
export type TargetType = 'String' | 'Integer' | 'Long' | 'Double' | 'Float' | 'Boolean' | 'Blob' | 'Timestamp';

const javaClass: Record<'string' | 'number' | 'boolean' | 'blob', string> = {
  string: 'class java.lang.String',
  number: 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber',
  boolean: 'class java.lang.Boolean',
  blob: 'class java.nio.HeapByteBuffer',
};

/** The SerializationException message for a value of kind `found` where `target` was expected. */
export function typeMismatchMessage(found: WireKind, target: TargetType | 'List' | 'Map' | 'Structure'): string {
  if (found === 'list') return 'Start of list found where not expected';
  if (found === 'map') return 'Start of structure or map found where not expected.';
  if (target === 'List') return 'Expected list or null';
  if (target === 'Map') return 'Expected map or null';
  if (target === 'Structure') return 'Expected null';
  if (target === 'Timestamp') return `${javaClass[found]} can not be converted to milliseconds since epoch`;
  if (target === 'Blob') return `${javaClass[found]} can not be converted to a Blob`;
  return `${javaClass[found]} can not be converted to an ${target}`;
}

/** A string where a Boolean was expected: AWS upper-cases it in the message. */
export function stringToBooleanMessage(value: string): string {
  return `'${value.toUpperCase()}' can not be converted to an Boolean`;
}

export const base64Errors = {
  length: (value: string): string =>
    `'${value}' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: ${value.length}`,
  character: (value: string, ch: string): string =>
    `'${value}' can not be converted to a Blob: Invalid Base64 character: '${ch}'`,
  // "dectected" is AWS's spelling.
  lastCharacter: (value: string): string =>
    `'${value}' can not be converted to a Blob: Invalid last non-pad Base64 character dectected`,
} as const;

/** Anything unexpected: 500 with no message, as Kinesis answers. */
export function internalFailure(): AwsError {
  return new AwsError('InternalFailure', undefined, 500);
}

/** X-Amz-Target names no operation of a known service (400, no message). */
export function unknownOperation(): AwsError {
  return new AwsError('UnknownOperationException', undefined, 400);
}

/** Neither an Authorization header nor X-Amz-Algorithm in the query. */
export function missingAuthenticationToken(): AwsError {
  return new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400);
}

/** Both header and query-string signing were used. */
export function bothAuthMethods(): AwsError {
  return new AwsError(
    'InvalidSignatureException',
    "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    400,
  );
}

/** A signature that does not verify (AWS's message, without the canonical request it appends). */
export function invalidSignature(
  message = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
): AwsError {
  return new AwsError('InvalidSignatureException', message, 400);
}

/**
 * An Authorization header missing parts.
 * @param missing which of Credential, Signature, SignedHeaders are absent (in that order)
 * @param missingDate true when neither X-Amz-Date nor Date is present
 */
export function incompleteSignatureHeader(missing: readonly string[], missingDate: boolean, authorization: string): AwsError {
  let msg = missing.map((p) => `Authorization header requires '${p}' parameter. `).join('');
  if (missingDate) msg += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  return new AwsError('IncompleteSignatureException', `${msg}Authorization=${authorization}`, 400);
}

/** Query-string signing missing parameters (X-Amz-Algorithm, -Credential, -Signature, -SignedHeaders, -Date). */
export function incompleteSignatureQuery(missing: readonly string[]): AwsError {
  const msg = missing.map((p) => `AWS query-string parameters must include '${p}'. `).join('');
  return new AwsError('IncompleteSignatureException', `${msg}Re-examine the query-string parameters.`, 400);
}

/** Wrong method or no recognisable target: AWS answers 403 with an XML body carrying this message. */
export function accessDenied(message = 'Unable to determine service/operation name to be authorized'): AwsError {
  return new AwsError('AccessDeniedException', message, 403);
}

/**
 * A body over the http layer's cap (config http.maxBodyBytes): status 413; AWS sends no body for
 * it, so the http layer stops reading and replies 413 without a payload.
 */
export function requestEntityTooLarge(): AwsError {
  return new AwsError('RequestEntityTooLarge', undefined, 413);
}
