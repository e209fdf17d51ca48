// How an AwsError is written on the wire: `{"__type":..,"message":..}` in the request's JSON or
// CBOR encoding, or the XML document AWS's front end sends when it could not pick a service.

import type { AwsError } from '../errors/aws-error.js';
import { errorMessageKey } from '../errors/common-errors.js';
import type { WireFormat } from './wire-format.js';

/** The error document; `message` is omitted when AWS sends none and spelled `Message` where AWS does. */
export function errorBody(err: AwsError, format: WireFormat): Buffer {
  const doc: Record<string, unknown> = { __type: err.type };
  if (err.hasMessage) doc[errorMessageKey(err)] = err.message;
  return format.encode(doc);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * AWS's front-end XML error: `<Type>\n  <Message>..</Message>\n</Type>\n`, or `<Type/>\n` when
 * it carries no message. Sent without a Content-Type header.
 */
export function xmlErrorBody(err: AwsError): Buffer {
  if (!err.hasMessage) return Buffer.from(`<${err.type}/>\n`);
  return Buffer.from(`<${err.type}>\n  <Message>${escapeXml(err.message)}</Message>\n</${err.type}>\n`);
}
