// How the console shows a record's data: base64 always, UTF-8 when the bytes are valid UTF-8,
// pretty JSON when the text parses, and the same for the gunzipped bytes of gzip data; plus the
// `aws kinesis put-record` command that would put the same record again.

import { gunzipSync } from 'node:zlib';

export interface DecodedText {
  /** The bytes as UTF-8 text, or null when they are not valid UTF-8. */
  readonly utf8: string | null;
  /** The text re-indented as JSON, or null when it is not JSON. */
  readonly json: string | null;
}

export interface DecodedData extends DecodedText {
  readonly base64: string;
  readonly size: number;
  /** The decompressed data, when the bytes are gzip. */
  readonly gzip: DecodedText | null;
  /** The most readable form: 'json', 'text', 'gzip-json', 'gzip-text' or 'binary'. */
  readonly kind: 'json' | 'text' | 'gzip-json' | 'gzip-text' | 'binary';
}

const MAX_GUNZIP_BYTES = 1024 * 1024;
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

export function decodeData(data: Buffer): DecodedData {
  const plain = decodeText(data);
  const gzip = isGzip(data) ? gunzipText(data) : null;
  const kind = gzip?.json != null ? 'gzip-json' : gzip?.utf8 != null ? 'gzip-text' : plain.json !== null ? 'json' : plain.utf8 !== null ? 'text' : 'binary';
  return { base64: data.toString('base64'), size: data.length, ...plain, gzip, kind };
}

function decodeText(bytes: Uint8Array): DecodedText {
  let utf8: string;
  try {
    utf8 = utf8Decoder.decode(bytes);
  } catch {
    return { utf8: null, json: null };
  }
  return { utf8, json: prettyJson(utf8) };
}

function prettyJson(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '' || !/^[[{"\d-]|^(true|false|null)$/.test(trimmed)) return null;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return null;
  }
}

function isGzip(data: Buffer): boolean {
  return data.length >= 18 && data[0] === 0x1f && data[1] === 0x8b && data[2] === 0x08;
}

function gunzipText(data: Buffer): DecodedText | null {
  try {
    return decodeText(gunzipSync(data, { maxOutputLength: MAX_GUNZIP_BYTES }));
  } catch {
    return null;
  }
}

/** A POSIX-shell single-quoted word. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The AWS CLI v2 command that puts this record again (data as base64, the CLI v2 default). */
export function putCommand(record: { streamName: string; partitionKey: string; data: Buffer; explicitHashKey?: string; region: string }): string {
  const parts = [
    'aws kinesis put-record',
    `--stream-name ${shellQuote(record.streamName)}`,
    `--partition-key ${shellQuote(record.partitionKey)}`,
    `--data ${shellQuote(record.data.toString('base64'))}`,
  ];
  if (record.explicitHashKey !== undefined) parts.push(`--explicit-hash-key ${record.explicitHashKey}`);
  parts.push('--cli-binary-format base64', `--region ${record.region}`);
  return parts.join(' ');
}
