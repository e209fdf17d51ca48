// Builds a Lambda deployment package in memory (a real zip made with fflate's zipSync), so tests
// and benchmarks upload handler source the way `aws lambda create-function --zip-file` does.
import { strToU8, zipSync } from 'fflate';

/** Zips `files` (path inside the archive → source text) and returns the archive bytes. */
export function zipHandler(files: Readonly<Record<string, string>>): Buffer {
  const entries: Record<string, Uint8Array> = {};
  for (const [path, text] of Object.entries(files)) entries[path] = strToU8(text);
  return Buffer.from(zipSync(entries, { level: 6 }));
}
