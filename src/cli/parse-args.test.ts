import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from './parse-args.js';

test('parseArgs reads commands, --name value, --name=value, switches and --no- switches', () => {
  const parsed = parseArgs(['server', '--port', '0', '--data-dir=/tmp/x', '--storage-fsync', '--no-help', '-v'], new Set(['storage-fsync', 'help', 'v']));
  assert.deepEqual(parsed, {
    positionals: ['server'],
    options: { port: '0', 'data-dir': '/tmp/x', 'storage-fsync': true, help: false, v: true },
  });
});

test('parseArgs rejects an option missing its value', () => {
  assert.throws(() => parseArgs(['server', '--port'], new Set()), /^Error: Option --port needs a value$/);
});
