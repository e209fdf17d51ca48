// Every leaf setting of ConfigSchema with the names it goes by outside YAML: a `--flag` and a
// `TRIBUTARY_*` environment variable, both derived from its path so they can never drift apart.

import type { TSchema } from '@sinclair/typebox';
import { ConfigSchema } from './config-schema.js';

/** 'integer-list': a YAML list, or comma-separated integers in a flag or environment variable. */
export type ConfigFieldKind = 'string' | 'integer' | 'boolean' | 'enum' | 'integer-list';

export interface ConfigField {
  /** Path in the config object, e.g. ['kinesis', 'createDelayMs']. */
  readonly path: readonly string[];
  /** Dotted path, e.g. 'kinesis.createDelayMs'. */
  readonly key: string;
  /** CLI flag without dashes, e.g. 'kinesis-create-delay-ms'. */
  readonly flag: string;
  /** Environment variable, e.g. 'TRIBUTARY_KINESIS_CREATE_DELAY_MS'. */
  readonly env: string;
  readonly kind: ConfigFieldKind;
  /** Allowed values when kind is 'enum'. */
  readonly choices: readonly string[];
  readonly defaultValue: unknown;
  readonly description: string;
}

function words(name: string): string[] {
  return name.split(/(?=[A-Z])/).map((word) => word.toLowerCase());
}

function kindOf(schema: TSchema): { kind: ConfigFieldKind; choices: string[] } {
  if (Array.isArray(schema.anyOf)) {
    return { kind: 'enum', choices: (schema.anyOf as TSchema[]).map((member) => String(member.const)) };
  }
  if (schema.type === 'integer' || schema.type === 'boolean') return { kind: schema.type, choices: [] };
  if (schema.type === 'array') return { kind: 'integer-list', choices: [] };
  return { kind: 'string', choices: [] };
}

function collect(schema: TSchema, path: string[], out: ConfigField[]): void {
  // Lists of objects (e.g. `functions`) are given in the config file only: no flag or environment
  // variable. Lists of integers are settings like any other.
  if (schema.type === 'array' && (schema.items as TSchema | undefined)?.type !== 'integer') return;
  if (schema.type === 'object' && schema.properties !== undefined) {
    for (const [name, child] of Object.entries(schema.properties as Record<string, TSchema>)) {
      collect(child, [...path, name], out);
    }
    return;
  }
  const parts = path.flatMap(words);
  out.push({
    path,
    key: path.join('.'),
    flag: parts.join('-'),
    env: `TRIBUTARY_${parts.join('_').toUpperCase()}`,
    ...kindOf(schema),
    defaultValue: schema.default,
    description: typeof schema.description === 'string' ? schema.description : '',
  });
}

const fields: readonly ConfigField[] = (() => {
  const out: ConfigField[] = [];
  collect(ConfigSchema, [], out);
  return Object.freeze(out);
})();

/** All leaf settings in schema order. */
export function configFields(): readonly ConfigField[] {
  return fields;
}
