import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { resolveHandler } from './handler-resolver.js';

describe('resolveHandler', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tributary-resolver-'));
    for (const file of ['a', 'a.js', 'a.mjs', 'b.mjs', 'b.cjs', 'c.cjs', 'c.ts', 'd.ts', 'e.mts', 'sub/dir/f.js', 'node_modules/pkg/index.js']) {
      await mkdir(join(dir, file, '..'), { recursive: true });
      await writeFile(join(dir, file), '');
    }
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('tries extensionless, .js, .mjs, .cjs, then TypeScript, and splits the export at the first dot', () => {
    assert.deepEqual(resolveHandler(dir, 'a.handler'), { ok: true, file: join(dir, 'a'), exportPath: 'handler', typescript: false });
    assert.deepEqual(resolveHandler(dir, 'b.x.y'), { ok: true, file: join(dir, 'b.mjs'), exportPath: 'x.y', typescript: false });
    assert.deepEqual(resolveHandler(dir, 'c.handler'), { ok: true, file: join(dir, 'c.cjs'), exportPath: 'handler', typescript: false });
    assert.deepEqual(resolveHandler(dir, 'd.handler'), { ok: true, file: join(dir, 'd.ts'), exportPath: 'handler', typescript: true });
    assert.deepEqual(resolveHandler(dir, 'e.handler'), { ok: true, file: join(dir, 'e.mts'), exportPath: 'handler', typescript: true });
  });

  test('a directory prefix locates the module below the code root; a package name resolves through node_modules', () => {
    assert.deepEqual(resolveHandler(dir, 'sub/dir/f.main'), { ok: true, file: join(dir, 'sub/dir/f.js'), exportPath: 'main', typescript: false });
    assert.deepEqual(resolveHandler(dir, 'pkg.handler'), { ok: true, file: join(dir, 'node_modules/pkg/index.js'), exportPath: 'handler', typescript: false });
  });

  test('relative paths and handlers without an export are malformed', () => {
    assert.deepEqual(resolveHandler(dir, '../x.handler'), {
      ok: false,
      error: {
        errorType: 'Runtime.MalformedHandlerName',
        errorMessage: "'../x.handler' is not a valid handler name. Use absolute paths when specifying root directories in handler names.",
        trace: ["Runtime.MalformedHandlerName: '../x.handler' is not a valid handler name. Use absolute paths when specifying root directories in handler names."],
      },
    });
    assert.deepEqual(resolveHandler(dir, 'index'), { ok: false, error: { errorType: 'Runtime.MalformedHandlerName', errorMessage: 'Bad handler', trace: ['Runtime.MalformedHandlerName: Bad handler'] } });
  });

  test('a missing module is Runtime.ImportModuleError worded as Node words it', () => {
    const runtimeFile = fileURLToPath(new URL('./worker-main.js', import.meta.url));
    const message = `Error: Cannot find module 'missing'\nRequire stack:\n- ${runtimeFile}`;
    assert.deepEqual(resolveHandler(dir, 'missing.handler'), {
      ok: false,
      error: { errorType: 'Runtime.ImportModuleError', errorMessage: message, trace: [`Runtime.ImportModuleError: Error: Cannot find module 'missing'`, 'Require stack:', `- ${runtimeFile}`] },
    });
  });
});
