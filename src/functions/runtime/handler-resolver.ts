// Finds the module file and export named by a Lambda handler setting (`dir/file.export.path`),
// following the Node.js runtime's rules: no `..`, module up to the first dot, extensionless,
// .js, .mjs and .cjs tried in that order (then .ts, .mts, .cts, which Tributary compiles).

import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorPayloadOf, runtimeError } from './runtime-error-payloads.js';
import type { ErrorPayload } from './worker-protocol.js';

export type ResolvedHandler =
  | { readonly ok: true; readonly file: string; readonly exportPath: string; readonly typescript: boolean }
  | { readonly ok: false; readonly error: ErrorPayload };

const HANDLER_PATTERN = /^([^.]*)\.(.*)$/;
const JS_EXTENSIONS = ['', '.js', '.mjs', '.cjs'];
const TS_EXTENSIONS = ['.ts', '.mts', '.cts'];
const RUNTIME_FILE = fileURLToPath(new URL('./worker-main.js', import.meta.url));

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Resolves `handler` inside `codeDir`; failures carry the Runtime.* error the invocation reports. */
export function resolveHandler(codeDir: string, handler: string): ResolvedHandler {
  if (handler.includes('..')) {
    const message = `'${handler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`;
    return { ok: false, error: errorPayloadOf(runtimeError('MalformedHandlerName', message)) };
  }
  const handlerString = basename(handler);
  const moduleRoot = handler.substring(0, handler.indexOf(handlerString));
  const match = HANDLER_PATTERN.exec(handlerString);
  if (!match) return { ok: false, error: errorPayloadOf(runtimeError('MalformedHandlerName', 'Bad handler')) };
  const [, moduleName, exportPath] = match as unknown as [string, string, string];
  const lambdaStylePath = resolve(codeDir, moduleRoot, moduleName);

  for (const ext of JS_EXTENSIONS) {
    if (isFile(lambdaStylePath + ext)) return { ok: true, file: lambdaStylePath + ext, exportPath, typescript: false };
  }
  for (const ext of TS_EXTENSIONS) {
    if (isFile(lambdaStylePath + ext)) return { ok: true, file: lambdaStylePath + ext, exportPath, typescript: true };
  }
  // Last resort, as the runtime does: Node-style resolution (a package of that name, a directory).
  try {
    const file = createRequire(RUNTIME_FILE).resolve(moduleName, { paths: [codeDir, resolve(codeDir, moduleRoot)] });
    if (isAbsolute(file)) return { ok: true, file, exportPath, typescript: false };
    throw new Error(`Cannot find module '${moduleName}'`);
  } catch (err) {
    return { ok: false, error: errorPayloadOf(runtimeError('ImportModuleError', String(err))) };
  }
}
