// Keeps the README's configuration table in step with the schema: every setting is listed with
// its flag, environment variable and default.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configFields } from './config-fields.js';

function readme(): string {
  // dist/src/config → repository root
  return readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');
}

test('README lists every setting with its flag, environment variable and default', () => {
  const rows = new Map(
    readme()
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => [line.split('|')[1]!.trim().replace(/`/g, ''), line] as const),
  );
  for (const field of configFields()) {
    const row = rows.get(field.key);
    assert.ok(row, `README has no row for ${field.key}`);
    assert.ok(row.includes(`\`--${field.flag}\``), `${field.key}: flag --${field.flag}`);
    assert.ok(row.includes(`\`${field.env}\``), `${field.key}: env ${field.env}`);
    const shown = field.defaultValue === undefined ? 'unset' : `\`${String(field.defaultValue)}\``;
    assert.ok(row.includes(shown), `${field.key}: default ${shown}`);
  }
  assert.equal(rows.size, configFields().length);
});
