// Test fixture for the function runtime: writes handler files into a temp dir, keeps the
// definitions a FunctionLookup returns, and records what the runtime logs. Used by *.test.ts only.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ManualClock } from '../../engine/clock.js';
import type { FunctionDefinition } from '../function-definition.js';
import type { RuntimeLogger } from './runtime-logger.js';
import { WorkerFunctionRuntime, type WorkerFunctionRuntimeOptions } from './worker-function-runtime.js';

export interface LoggedEntry {
  readonly level: 'info' | 'warn' | 'error' | 'debug';
  readonly obj: Record<string, unknown>;
  readonly msg: string;
}

export interface RuntimeFixture {
  readonly dir: string;
  readonly clock: ManualClock;
  readonly runtime: WorkerFunctionRuntime;
  readonly logged: LoggedEntry[];
  /** Writes `files` as a new revision of function `name` and makes it the current definition. */
  deploy(name: string, files: Readonly<Record<string, string>>, overrides?: Partial<FunctionDefinition>): Promise<FunctionDefinition>;
  /** Replaces fields of the current definition (a new revisionId unless given). */
  reconfigure(name: string, overrides: Partial<FunctionDefinition>): FunctionDefinition;
  remove(name: string): void;
  close(): Promise<void>;
}

export async function createRuntimeFixture(options: Partial<WorkerFunctionRuntimeOptions> = {}): Promise<RuntimeFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'tributary-runtime-'));
  const clock = new ManualClock();
  const definitions = new Map<string, FunctionDefinition>();
  const logged: LoggedEntry[] = [];
  const record = (level: LoggedEntry['level']) => (obj: object, msg: string) => logged.push({ level, obj: obj as Record<string, unknown>, msg });
  const logger: RuntimeLogger = { info: record('info'), warn: record('warn'), error: record('error'), debug: record('debug') };
  const runtime = new WorkerFunctionRuntime({ functions: { get: (name) => definitions.get(name) }, logger, clock, dataDir: join(dir, 'data'), sweepIntervalMs: 0, ...options });
  let revision = 0;
  return {
    dir,
    clock,
    runtime,
    logged,
    async deploy(name, files, overrides = {}) {
      const revisionId = `rev-${++revision}`;
      const codeDir = join(dir, 'code', name, revisionId);
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(codeDir, path)), { recursive: true });
        await writeFile(join(codeDir, path), text);
      }
      const definition: FunctionDefinition = {
        name,
        arn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
        kind: 'code',
        codeDir,
        handler: 'index.handler',
        runtime: 'nodejs20.x',
        role: 'arn:aws:iam::000000000000:role/r',
        timeoutSeconds: 3,
        memoryMb: 128,
        environment: {},
        concurrency: 2,
        revisionId,
        state: 'Active',
        ...overrides,
      };
      definitions.set(name, definition);
      return definition;
    },
    reconfigure(name, overrides) {
      const current = definitions.get(name);
      if (!current) throw new Error(`no function ${name}`);
      const definition = { ...current, revisionId: `rev-${++revision}`, ...overrides };
      definitions.set(name, definition);
      return definition;
    },
    remove(name) {
      definitions.delete(name);
    },
    async close() {
      await runtime.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
