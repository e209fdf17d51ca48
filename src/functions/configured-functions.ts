// Registers the `functions:` list of the config file at start-up: each entry is created, or
// updated in place when it already exists, and functions that came from an earlier config but
// are no longer listed are deleted. Code directories are used in place (never copied).

import { resolve } from 'node:path';
import type { FunctionEntry } from '../config/config-schema.js';
import type { FunctionRegistry } from './function-registry.js';
import type { CodeSource, FunctionSettings } from './function-record.js';

export interface ConfiguredFunctionsOptions {
  readonly logger: { info(obj: object, msg: string): void };
  readonly defaultConcurrency: number;
  readonly accountId: string;
  /** Relative `dir` entries are resolved against this directory (default: working directory). */
  readonly cwd?: string;
}

function sourceOf(entry: FunctionEntry, cwd: string): CodeSource {
  return entry.url !== undefined ? { kind: 'http', url: entry.url } : { kind: 'dir', dir: resolve(cwd, entry.dir ?? '.') };
}

function settingsOf(entry: FunctionEntry, options: ConfiguredFunctionsOptions): FunctionSettings {
  return {
    handler: entry.handler,
    runtime: entry.url !== undefined ? 'http' : entry.runtime,
    role: `arn:aws:iam::${options.accountId}:role/tributary-config`,
    description: entry.url !== undefined ? `HTTP endpoint ${entry.url}` : `Code in ${entry.dir}`,
    timeoutSeconds: entry.timeout,
    memoryMb: entry.memorySize,
    environment: { ...entry.environment },
    concurrency: entry.concurrency ?? options.defaultConcurrency,
    echoed: {},
  };
}

/** Brings the registry in line with the config's function list. */
export async function registerConfiguredFunctions(
  registry: FunctionRegistry,
  entries: readonly FunctionEntry[],
  options: ConfiguredFunctionsOptions,
): Promise<void> {
  const cwd = options.cwd ?? process.cwd();
  const listed = new Set(entries.map((entry) => entry.name));
  for (const stale of registry.list().filter((f) => f.origin === 'config' && !listed.has(f.name))) {
    await registry.delete(stale.name);
    options.logger.info({ functionName: stale.name }, 'function removed from config: deleted');
  }
  for (const entry of entries) {
    const source = sourceOf(entry, cwd);
    const settings = settingsOf(entry, options);
    const record = registry.find(entry.name)
      ? await registry.updateCode(entry.name, source, undefined, settings)
      : await registry.create(entry.name, settings, source, { origin: 'config' });
    options.logger.info({ functionName: record.name, kind: record.kind, state: record.state }, 'function registered from config');
  }
}
