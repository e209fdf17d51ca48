// Renders the settings table of `tributary --help` from the schema: flag, environment variable,
// default and description of every setting.

import { configFields } from './config-fields.js';

function defaultText(value: unknown): string {
  return value === undefined ? '(unset)' : JSON.stringify(value);
}

/** One block per setting, in schema order. */
export function renderConfigHelp(): string {
  const lines: string[] = [];
  for (const field of configFields()) {
    const type = field.kind === 'enum' ? field.choices.join('|') : field.kind;
    lines.push(`  --${field.flag} <${type}>`);
    lines.push(`      ${field.description}`);
    lines.push(`      default ${defaultText(field.defaultValue)}; env ${field.env}; file ${field.key}`);
  }
  return lines.join('\n');
}
