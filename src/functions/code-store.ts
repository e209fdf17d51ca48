// Where uploaded function code lives: each zip is unpacked once into
// <root>/<function>/<revision>/ (written to a temporary directory, then renamed into place, so a
// crash never leaves a half-written revision under its final name). Also fingerprints code
// directories registered from the config file.

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { unzipSync } from 'fflate';

/** Lambda's limit on the unzipped size of a deployment package. */
export const MAX_UNZIPPED_BYTES = 262_144_000;

/** The zip could not be read, was empty, held an unsafe path or unpacks too large. */
export class InvalidCodeError extends Error {
  constructor(readonly reason: 'unreadable' | 'empty' | 'unsafe-path' | 'too-large') {
    super(`invalid code package: ${reason}`);
    this.name = 'InvalidCodeError';
  }
}

export interface StoredCode {
  /** Directory holding the unpacked code. */
  readonly dir: string;
  /** Base64 SHA-256 of the package (of the zip bytes; of a listing for directories). */
  readonly sha256: string;
  /** Bytes of the package (the zip; the files' total for directories). */
  readonly size: number;
}

function safeEntryPath(name: string): string {
  const path = normalize(name.replace(/\\/g, '/'));
  if (path.startsWith('/') || path === '..' || path.startsWith(`..${sep}`) || /^[a-zA-Z]:/.test(path)) {
    throw new InvalidCodeError('unsafe-path');
  }
  return path;
}

export class CodeStore {
  /** @param root directory holding every function's code, e.g. `<dataDir>/functions` */
  constructor(private readonly root: string) {}

  /** Directory for one revision of one function's code. */
  dirFor(functionName: string, revision: string): string {
    return join(this.root, functionName, revision);
  }

  /**
   * Unpacks `zip` as revision `revision` of `functionName`. Throws InvalidCodeError for anything
   * that is not a usable zip; nothing is left behind in that case.
   */
  async unpack(functionName: string, revision: string, zip: Buffer): Promise<StoredCode> {
    let total = 0;
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength), {
        filter: (file) => {
          total += file.originalSize;
          if (total > MAX_UNZIPPED_BYTES) throw new InvalidCodeError('too-large');
          return true;
        },
      });
    } catch (err) {
      if (err instanceof InvalidCodeError) throw err;
      throw new InvalidCodeError('unreadable');
    }
    const entries = Object.entries(files).filter(([name]) => !name.endsWith('/'));
    if (entries.length === 0) throw new InvalidCodeError('empty');
    const planned = entries.map(([name, data]) => [safeEntryPath(name), data] as const);

    const dir = this.dirFor(functionName, revision);
    const staging = `${dir}.tmp-${randomBytes(4).toString('hex')}`;
    try {
      for (const [path, data] of planned) {
        const target = join(staging, path);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, data);
      }
      await rename(staging, dir);
    } catch (err) {
      await rm(staging, { recursive: true, force: true });
      throw err;
    }
    return { dir, sha256: createHash('sha256').update(zip).digest('base64'), size: zip.length };
  }

  /** Removes every revision of `functionName` except those in `keep`. */
  async prune(functionName: string, keep: ReadonlySet<string> = new Set()): Promise<void> {
    const base = join(this.root, functionName);
    let names: string[];
    try {
      names = await readdir(base);
    } catch {
      return;
    }
    for (const name of names) if (!keep.has(name)) await rm(join(base, name), { recursive: true, force: true });
    if (keep.size === 0) await rm(base, { recursive: true, force: true });
  }

  /** Functions that have a code directory here. */
  async functionNames(): Promise<string[]> {
    try {
      return (await readdir(this.root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    } catch {
      return [];
    }
  }
}

/**
 * Fingerprint of a code directory used in place (registered from config): SHA-256 of the sorted
 * listing of relative paths, sizes and modification times, and the files' total size. Cheap
 * enough to run at every start; changes whenever a file does.
 */
export async function fingerprintDir(dir: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const walk = async (rel: string): Promise<void> => {
    const entries = (await readdir(join(dir, rel), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const info = await stat(join(dir, path));
        size += info.size;
        hash.update(`${path}\0${info.size}\0${info.mtimeMs}\n`);
      }
    }
  };
  await walk('');
  return { sha256: hash.digest('base64'), size };
}
