// The console's static front end: files bundled by scripts/build-console.mjs into dist/console/
// (under the package root), served with their content types. Paths never leave that directory.
// When the bundle is missing, index.html answers 503 with a page saying how to build it.

import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { packageRoot } from '../api/model/service-model.js';

export interface ConsoleAsset {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

export interface ConsoleAssets {
  /** The asset at `path` (relative, e.g. `app.js`), or undefined when there is none. */
  get(path: string): Promise<ConsoleAsset | undefined>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
};

const NOT_BUILT = Buffer.from(
  '<!doctype html><meta charset="utf-8"><title>Tributary console</title>' +
    '<p>The console front end is not built. Run <code>npm run build</code> (it bundles it into dist/console/).</p>\n',
);

/** Serves files from `dir` (default: <package root>/dist/console). */
export class DirectoryConsoleAssets implements ConsoleAssets {
  private readonly dir: string;

  constructor(dir?: string) {
    this.dir = normalize(dir ?? join(packageRoot(), 'dist', 'console'));
  }

  async get(path: string): Promise<ConsoleAsset | undefined> {
    const contentType = CONTENT_TYPES[extname(path)];
    const file = normalize(join(this.dir, path));
    if (contentType === undefined || !file.startsWith(this.dir + sep)) return undefined;
    try {
      return { status: 200, contentType, body: await readFile(file) };
    } catch {
      return path === 'index.html' ? { status: 503, contentType, body: NOT_BUILT } : undefined;
    }
  }
}
