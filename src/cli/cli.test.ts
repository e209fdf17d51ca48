// The `tributary` command as a user runs it: help, version, the JSON Schema, and errors that name
// every bad setting (exit code 1, nothing started).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// dist/src/cli → repository root
const ROOT = join(import.meta.dirname, '..', '..', '..');

function run(args: readonly string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'tributary.js'), ...args], {
    cwd: mkdtempSync(join(tmpdir(), 'tributary-cli-')),
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('tributary command', () => {
  test('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual(run(['--version']), { status: 0, stdout: `${version}\n`, stderr: '' });
  });

  test('--help lists the commands and every setting with its environment variable', () => {
    const { status, stdout } = run(['--help']);
    assert.equal(status, 0);
    assert.match(stdout, /tributary server \[options\]/);
    assert.match(stdout, /--data-dir <string>\n {6}Directory holding all durable data\n {6}default "\.\/\.tributary"; env TRIBUTARY_DATA_DIR; file dataDir/);
    assert.match(stdout, /--auth-mode <presence\|off>/);
  });

  test('config-schema prints a JSON Schema with the defaults', () => {
    const { status, stdout } = run(['config-schema']);
    assert.equal(status, 0);
    const schema = JSON.parse(stdout) as { type: string; properties: Record<string, { default?: unknown }> };
    assert.equal(schema.type, 'object');
    assert.equal(schema.properties.port?.default, 4567);
  });

  test('an unknown command fails with a pointer to --help', () => {
    assert.deepEqual(run(['serve']), { status: 1, stdout: '', stderr: "Unknown command 'serve'. Run 'tributary --help'.\n" });
  });

  test('bad settings from flags and environment are all reported and nothing starts', () => {
    const { status, stdout, stderr } = run(['server', '--port', '70000', '--colour', 'red'], { TRIBUTARY_STORAGE_FSYNC: 'maybe' });
    assert.equal(status, 1);
    assert.equal(stdout, '');
    assert.equal(
      stderr,
      'Invalid configuration:\n' +
        '  - unknown option --colour\n' +
        '  - port expected integer to be less or equal to 65535 (got 70000 from --port)\n' +
        '  - storage.fsync expected boolean (got "maybe" from TRIBUTARY_STORAGE_FSYNC)\n',
    );
  });
});
