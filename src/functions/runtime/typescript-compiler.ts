// Compiles a TypeScript handler with esbuild into one ES module, once per function revision.
// Relative imports are bundled; packages stay external and resolve through a node_modules link
// to the function's own node_modules, so the code directory itself is never written to.

import { mkdir, rm, stat, symlink } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { build } from 'esbuild';
import { errorPayloadOf, runtimeError } from './runtime-error-payloads.js';
import type { ErrorPayload } from './worker-protocol.js';

export type CompileResult = { readonly ok: true; readonly file: string } | { readonly ok: false; readonly error: ErrorPayload };

/** Lets `require` work inside the ES module output (for bundled CommonJS code and createRequire users). */
const REQUIRE_SHIM = "import { createRequire as __tributaryCreateRequire } from 'node:module'; const require = __tributaryCreateRequire(import.meta.url);";

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

/**
 * Compiles `entry` (a .ts/.mts/.cts file inside `codeDir`) into `<outDir>/<name>.mjs`, replacing
 * whatever `outDir` held. Syntax and resolution errors come back as Runtime.UserCodeSyntaxError.
 */
export async function compileTypeScript(entry: string, codeDir: string, outDir: string): Promise<CompileResult> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const modules = join(codeDir, 'node_modules');
  if (await exists(modules)) await symlink(modules, join(outDir, 'node_modules'), 'dir');
  const file = join(outDir, `${basename(entry, extname(entry))}.mjs`);
  try {
    await build({
      entryPoints: [entry],
      outfile: file,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: false,
      logLevel: 'silent',
      absWorkingDir: dirname(entry),
      banner: { js: REQUIRE_SHIM },
    });
    return { ok: true, file };
  } catch (err) {
    const errors = (err as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors ?? [];
    const first = errors[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column}: ` : '';
    const detail = first ? `${where}${first.text}` : String(err);
    return { ok: false, error: errorPayloadOf(runtimeError('UserCodeSyntaxError', `SyntaxError: ${detail}`)) };
  }
}
