// Keeps docs/errors.md in step with the error catalogue: every exported builder, class and
// constant of src/errors/*.ts, every wire error type they construct, and the exact message of
// every builder that takes no arguments must appear in the page.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AwsError } from '../../src/errors/aws-error.js';
import { repoRoot } from './repo-root.js';

const root = repoRoot();
const errorsDir = join(root, 'src', 'errors');
const sourceFiles = readdirSync(errorsDir)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts'))
  .sort();
const sources = sourceFiles.map((name) => ({ name, text: readFileSync(join(errorsDir, name), 'utf8') }));
const doc = readFileSync(join(root, 'docs', 'errors.md'), 'utf8');

function matchesOf(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((m) => m[1]!);
}

/**
 * Names the page must mention: exported functions, classes and constants; `object.member` for
 * each function-valued member of an exported object of builders; and every error type string
 * passed to `super(...)` or `new AwsError(...)`, or used as a per-entry ErrorCode.
 */
function catalogueNames(text: string): string[] {
  const names = [
    ...matchesOf(text, /^export (?:async )?function (\w+)/gm),
    ...matchesOf(text, /^export class (\w+)/gm),
    ...matchesOf(text, /^export const (\w+)/gm),
    ...matchesOf(text, /super\(\s*'(\w+)'/g),
    ...matchesOf(text, /new AwsError\(\s*'(\w+)'/g),
    ...matchesOf(text, /ErrorCode:\s*'(\w+)'/g),
  ];
  for (const block of text.matchAll(/^export const (\w+) = \{\n([\s\S]*?)^\}/gm)) {
    for (const member of matchesOf(block[2]!, /^ {2}(\w+):\s*\(/gm)) names.push(`${block[1]}.${member}`);
  }
  return [...new Set(names)];
}

function mentions(page: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_])${escaped}([^A-Za-z0-9_]|$)`, 'm').test(page);
}

function missingNames(page: string): string[] {
  return sources.flatMap(({ name, text }) => catalogueNames(text).filter((n) => !mentions(page, n)).map((n) => `${n} (${name})`));
}

/** `name: message` of each exported builder that takes no arguments and returns an AwsError with a message. */
async function loadFixedMessages(): Promise<string[][]> {
  const out: string[][] = [];
  for (const { name } of sources) {
    const url = new URL(`../../src/errors/${name.replace(/\.ts$/, '.js')}`, import.meta.url).href;
    const module = (await import(url)) as Record<string, unknown>;
    for (const [exported, value] of Object.entries(module)) {
      if (typeof value !== 'function' || value.length !== 0 || /^[A-Z]/.test(exported)) continue;
      const err: unknown = (value as () => unknown)();
      if (err instanceof AwsError && err.hasMessage) out.push([exported, err.message]);
    }
  }
  return out;
}

const fixedMessages = await loadFixedMessages();

function unquoted(page: string): string[] {
  return fixedMessages.filter(([, message]) => !page.includes(message!)).map(([name, message]) => `${name}: ${message}`);
}

describe('docs/errors.md', () => {
  test('the error sources are found', () => {
    assert.ok(sourceFiles.includes('common-errors.ts'), `src/errors holds ${sourceFiles.join(', ')}`);
    assert.ok(sourceFiles.includes('kinesis-errors.ts'));
    assert.ok(sourceFiles.includes('kinesis-data-errors.ts'));
  });

  test('mentions every exported builder, class, constant and error type of src/errors', () => {
    assert.deepEqual(missingNames(doc), [], 'missing from docs/errors.md');
  });

  test('quotes the message of every builder without arguments word for word', () => {
    assert.ok(fixedMessages.length >= 10, `only ${fixedMessages.length} builders without arguments found`);
    assert.deepEqual(unquoted(doc), [], 'messages not quoted in docs/errors.md');
  });

  test('the check fails when the page loses a builder, a type or a message', () => {
    const withoutLine = (needle: string): string =>
      doc
        .split('\n')
        .filter((line) => !line.includes(needle))
        .join('\n');
    assert.deepEqual(missingNames(withoutLine('`streamNotFound`')), ['streamNotFound (kinesis-errors.ts)']);
    assert.ok(missingNames(doc.replaceAll('ExpiredIteratorException', 'Expired')).includes('ExpiredIteratorException (kinesis-data-errors.ts)'));
    assert.deepEqual(unquoted(doc.replace('`Invalid ShardIterator.`', '`Invalid iterator.`')), ['invalidShardIterator: Invalid ShardIterator.']);
  });
});
