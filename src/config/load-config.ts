// Loads the configuration the way the CLI documents it: defaults < YAML file (--config, else
// TRIBUTARY_CONFIG, else ./tributary.yml when present) < TRIBUTARY_* environment < flags.
// The only module that reads process.env.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { buildConfig, type ConfigLayer } from './build-config.js';
import { configFields, type ConfigField } from './config-fields.js';
import { ConfigError } from './config-error.js';
import type { Config } from './config-schema.js';

export const DEFAULT_CONFIG_FILE = 'tributary.yml';
export const CONFIG_FILE_ENV = 'TRIBUTARY_CONFIG';

export interface LoadConfigOptions {
  /** Flag values keyed by flag name without dashes (`data-dir`), as parsed from the command line. */
  readonly flags?: Readonly<Record<string, string | boolean>>;
  /** Config file given with --config; must exist. */
  readonly configFile?: string;
  /** Defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths are resolved against; defaults to process.cwd(). */
  readonly cwd?: string;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const name of path.slice(0, -1)) {
    const next = (node[name] ??= {}) as Record<string, unknown>;
    node = next;
  }
  node[path[path.length - 1]!] = value;
}

/** A flag or environment value as the schema expects it: `60000,120000` → ['60000', '120000'] for lists. */
function fieldValue(field: ConfigField, value: unknown): unknown {
  if (field.kind !== 'integer-list' || typeof value !== 'string') return value;
  return value.split(',').map((part) => part.trim()).filter((part) => part !== '');
}

function fieldLayer(
  entries: Iterable<[ConfigField, unknown]>,
  label: (field: ConfigField) => string,
): ConfigLayer {
  const values: Record<string, unknown> = {};
  const origins = new Map<string, string>();
  for (const [field, value] of entries) {
    setPath(values, field.path, fieldValue(field, value));
    origins.set(field.key, label(field));
  }
  return { values, originOf: (key) => origins.get(key) ?? 'command line' };
}

async function fileLayer(path: string, required: boolean, issues: string[]): Promise<ConfigLayer | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return undefined;
    issues.push(`cannot read config file ${path}: ${code ?? String(err)}`);
    return undefined;
  }
  let values: unknown;
  try {
    values = parseYaml(text);
  } catch (err) {
    issues.push(`cannot parse config file ${path}: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
  if (values === null || values === undefined) return undefined;
  if (typeof values !== 'object' || Array.isArray(values)) {
    issues.push(`config file ${path} must hold a mapping of settings`);
    return undefined;
  }
  return { values: values as Record<string, unknown>, originOf: () => path };
}

/** Loads, merges, validates and freezes the configuration; throws ConfigError listing every problem. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<Config> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const issues: string[] = [];
  const fields = configFields();
  const layers: ConfigLayer[] = [];

  const explicitFile = options.configFile ?? (env[CONFIG_FILE_ENV] || undefined);
  const file = await fileLayer(resolve(cwd, explicitFile ?? DEFAULT_CONFIG_FILE), explicitFile !== undefined, issues);
  if (file !== undefined) layers.push(file);

  const fromEnv = fields.flatMap((field): [ConfigField, unknown][] => {
    const value = env[field.env];
    return value === undefined || value === '' ? [] : [[field, value]];
  });
  layers.push(fieldLayer(fromEnv, (field) => field.env));

  const byFlag = new Map(fields.map((field) => [field.flag, field]));
  const fromFlags: [ConfigField, unknown][] = [];
  for (const [flag, value] of Object.entries(options.flags ?? {})) {
    const field = byFlag.get(flag);
    if (field === undefined) issues.push(`unknown option --${flag}`);
    else fromFlags.push([field, value]);
  }
  layers.push(fieldLayer(fromFlags, (field) => `--${field.flag}`));

  let config: Config;
  try {
    config = buildConfig(layers);
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError([...issues, ...err.issues]);
    throw err;
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return config;
}
