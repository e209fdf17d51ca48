// Names and paths inside a shard directory: segments are named by their base offset, zero-padded
// to 20 digits (Kafka's convention), so a directory listing sorts them in offset order.
import { join } from 'node:path';
import { open } from 'node:fs/promises';

export const LOG_SUFFIX = '.log';
export const INDEX_SUFFIX = '.index';
export const SEALED_MARKER = 'sealed';
const SEGMENT_NAME = /^(\d{20})\.log$/;

/** `00000000000000000042.log` for base offset 42. */
export function segmentFileName(baseOffset: number): string {
  return `${String(baseOffset).padStart(20, '0')}${LOG_SUFFIX}`;
}

export function logPath(dir: string, baseOffset: number): string {
  return join(dir, segmentFileName(baseOffset));
}

export function indexPath(dir: string, baseOffset: number): string {
  return join(dir, `${String(baseOffset).padStart(20, '0')}${INDEX_SUFFIX}`);
}

/** The base offset named by a segment file name, or undefined for any other file. */
export function parseSegmentFileName(name: string): number | undefined {
  const m = SEGMENT_NAME.exec(name);
  return m === null ? undefined : Number(m[1]);
}

/** Makes a directory's entries (created, renamed or deleted files) durable. */
export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
