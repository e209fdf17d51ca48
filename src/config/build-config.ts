// Merges configuration layers (later layers win), applies the schema's defaults, converts
// strings from flags and environment to the schema's types, validates once (reporting every bad
// path with where its value came from) and returns a deeply frozen Config.

import type { TSchema } from '@sinclair/typebox';
import { Value, type ValueError } from '@sinclair/typebox/value';
import { ConfigError } from './config-error.js';
import { ConfigSchema, type Config } from './config-schema.js';

/** One source of settings: a YAML file, the environment, command-line flags, a caller's object. */
export interface ConfigLayer {
  /** Nested, possibly partial config values (wire types may be strings; they are converted). */
  readonly values: Readonly<Record<string, unknown>>;
  /** Describes where the value at a dotted path came from, e.g. `--port` or `tributary.yml`. */
  originOf(key: string): string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function mergeInto(
  target: Record<string, unknown>,
  source: Readonly<Record<string, unknown>>,
  layer: ConfigLayer,
  prefix: string,
  origins: Map<string, string>,
): void {
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const key = prefix === '' ? name : `${prefix}.${name}`;
    const current = target[name];
    if (isPlainObject(value)) {
      const child = isPlainObject(current) ? current : {};
      target[name] = child;
      mergeInto(child, value, layer, key, origins);
    } else {
      target[name] = value;
      origins.set(key, layer.originOf(key));
    }
  }
}

function describe(error: ValueError): string {
  const schema: TSchema = error.schema;
  if (Array.isArray(schema.anyOf)) {
    return `must be one of ${(schema.anyOf as TSchema[]).map((member) => String(member.const)).join(', ')}`;
  }
  if (error.message === 'Unexpected property') return 'is not a known setting';
  if (error.message === 'Expected required property') return 'is required';
  return error.message.replace(/^Expected/, 'expected');
}

function deepFreeze<T>(value: T): T {
  if (Array.isArray(value)) {
    for (const child of value) deepFreeze(child);
    Object.freeze(value);
  } else if (isPlainObject(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Rules the schema cannot say: each configured function has exactly one code source, and unique names; S3 keys come in pairs. */
function functionEntryIssues(config: Config): string[] {
  const issues: string[] = [];
  const seen = new Set<string>();
  config.functions.forEach((entry, i) => {
    if ((entry.dir === undefined) === (entry.url === undefined)) issues.push(`functions.${i} needs exactly one of dir or url`);
    if (seen.has(entry.name)) issues.push(`functions.${i}.name ${JSON.stringify(entry.name)} is used twice`);
    seen.add(entry.name);
  });
  const s3 = config.firehose.s3;
  if ((s3.accessKeyId === undefined) !== (s3.secretAccessKey === undefined)) {
    issues.push('firehose.s3.accessKeyId and firehose.s3.secretAccessKey must be set together');
  }
  return issues;
}

/** Builds the final Config from layers in increasing precedence; throws ConfigError listing every problem. */
export function buildConfig(layers: readonly ConfigLayer[]): Config {
  const merged: Record<string, unknown> = {};
  const origins = new Map<string, string>();
  for (const layer of layers) mergeInto(merged, layer.values, layer, '', origins);

  const value: unknown = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, merged));
  const issues: string[] = [];
  const seen = new Set<string>();
  for (const error of Value.Errors(ConfigSchema, value)) {
    const key = error.path.split('/').filter(Boolean).join('.');
    if (seen.has(key)) continue;
    seen.add(key);
    const origin = origins.get(key);
    const got = error.value === undefined ? '' : ` (got ${JSON.stringify(error.value)}${origin ? ` from ${origin}` : ''})`;
    issues.push(`${key || '(root)'} ${describe(error)}${got}`);
  }
  if (issues.length === 0) issues.push(...functionEntryIssues(value as Config));
  if (issues.length > 0) throw new ConfigError(issues);
  return deepFreeze(value as Config);
}

/** A layer made of a caller's object, e.g. `createServer(resolveConfig({ port: 0 }))`. */
export function objectLayer(values: Readonly<Record<string, unknown>>, origin = 'options'): ConfigLayer {
  return { values, originOf: () => origin };
}

/** A partial Config: any top-level setting, and any subset of a nested group. */
export type ConfigOverrides = {
  readonly [K in keyof Config]?: NonNullable<Config[K]> extends object ? Partial<NonNullable<Config[K]>> : Config[K];
};

/** Defaults plus the given overrides, validated and frozen: for programmatic use and tests. */
export function resolveConfig(overrides: ConfigOverrides = {}): Config {
  return buildConfig([objectLayer(overrides)]);
}
