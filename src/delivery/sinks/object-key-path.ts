// Maps an S3-style object key onto a file path inside a bucket directory, refusing keys that would
// escape it or could not be a file (absolute, `..`, empty segments, trailing `/`).

import { join, sep } from 'node:path';

/** Thrown for an object key that cannot be stored as a file inside the bucket directory. */
export class InvalidObjectKeyError extends Error {
  constructor(readonly key: string, reason: string) {
    super(`invalid object key ${JSON.stringify(key)}: ${reason}`);
    this.name = 'InvalidObjectKeyError';
  }
}

/** The file path of `key` under `bucketDir`; throws InvalidObjectKeyError when the key is unsafe. */
export function objectKeyPath(bucketDir: string, key: string): string {
  if (key.length === 0) throw new InvalidObjectKeyError(key, 'empty');
  if (key.includes('\0')) throw new InvalidObjectKeyError(key, 'contains NUL');
  if (key.startsWith('/')) throw new InvalidObjectKeyError(key, 'absolute');
  if (key.endsWith('/')) throw new InvalidObjectKeyError(key, 'ends with /');
  const segments = key.split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') {
      throw new InvalidObjectKeyError(key, `segment ${JSON.stringify(segment)} is not allowed`);
    }
    if (sep !== '/' && segment.includes(sep)) throw new InvalidObjectKeyError(key, 'contains a path separator');
  }
  return join(bucketDir, ...segments);
}
