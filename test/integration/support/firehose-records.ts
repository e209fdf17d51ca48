// Decoding what the Firehose integration tests read back from buckets: newline-delimited JSON
// records and the error-output documents written under the error prefix.

import type { StoredObject } from './firehose-fixture.js';

/** One error-output document (FIREHOSE.md §7): the fields every failure type carries. */
export interface ErrorDocument {
  readonly attemptsMade: number;
  readonly arrivalTimestamp: number;
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly attemptEndingTimestamp: number;
  readonly rawData: string;
  readonly [field: string]: unknown;
}

/** The non-empty lines of the objects, in the given object order. */
export function lines(objects: readonly StoredObject[]): string[] {
  return objects.flatMap((o) => o.body.toString('utf8').split('\n').filter((l) => l.length > 0));
}

/** The objects ordered by delivery (mtime), then key. */
export function byDelivery(objects: readonly StoredObject[]): StoredObject[] {
  return [...objects].sort((a, b) => a.mtimeMs - b.mtimeMs || (a.key < b.key ? -1 : 1));
}

/** Parses each line of the objects as an error document. */
export function errorDocuments(objects: readonly StoredObject[]): ErrorDocument[] {
  return lines(objects).map((l) => JSON.parse(l) as ErrorDocument);
}

/** A key suffix `<stream>-<version>-yyyy-MM-dd-HH-mm-ss-<uuid><ext>` as a regex source. */
export function suffixPattern(stream: string, version: string, extension = ''): string {
  return `${stream}-${version}-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}${extension.replace(/\./g, '\\.')}`;
}
