// The MD5 digests SQS returns with messages, exactly as SDKs verify them: of the body's UTF-8
// bytes, and of message attributes in the length-prefixed layout of the SQS Developer Guide
// ("Calculating the MD5 message digest for message attributes").

import { createHash } from 'node:crypto';
import type { StoredAttributes } from './queue-records.js';

/** Lowercase hex MD5 of the body's UTF-8 bytes. */
export function md5OfBody(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('hex');
}

function lengthPrefixed(bytes: Buffer): Buffer[] {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return [length, bytes];
}

/**
 * MD5 over the attributes sorted by name: for each, length + name, length + data type (with any
 * custom suffix), one transport byte (1 string/number, 2 binary), length + value bytes.
 * Undefined when there are no attributes (SQS then omits the field).
 */
export function md5OfAttributes(attributes: StoredAttributes): string | undefined {
  const names = Object.keys(attributes).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const attribute = attributes[name]!;
    const parts = [...lengthPrefixed(Buffer.from(name, 'utf8')), ...lengthPrefixed(Buffer.from(attribute.dataType, 'utf8'))];
    if (attribute.binaryValue !== undefined && attribute.stringValue === undefined) {
      parts.push(Buffer.of(2), ...lengthPrefixed(Buffer.from(attribute.binaryValue, 'base64')));
    } else {
      parts.push(Buffer.of(1), ...lengthPrefixed(Buffer.from(attribute.stringValue ?? '', 'utf8')));
    }
    for (const part of parts) hash.update(part);
  }
  return hash.digest('hex');
}
