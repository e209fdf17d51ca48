// The functions this server knows: created through the Lambda API or registered from the config
// file, persisted in the StateStore (collection "functions", key = name) and kept in memory for
// the runtime's lookups. Mutations are serialised; each one commits before it is visible.

import { randomUUID } from 'node:crypto';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../engine/clock.js';
import type { StateStore } from '../storage/state-store.js';
import { CodeStore, fingerprintDir } from './code-store.js';
import type { FunctionDefinition, FunctionLookup } from './function-definition.js';
import { FunctionExistsError, RevisionMismatchError } from './function-errors.js';
import { FunctionNotFoundError } from './function-invoker.js';
import type { CodeSource, FunctionRecord, FunctionSettings } from './function-record.js';

export const FUNCTIONS_COLLECTION = 'functions';

export interface FunctionRegistryOptions {
  readonly store: StateStore;
  readonly clock: Clock;
  /** Code is unpacked under `<dataDir>/functions/<name>/<revision>/`. */
  readonly dataDir: string;
  readonly accountId: string;
  readonly region: string;
  /** Pool size of functions whose concurrency nobody set (config lambda.defaultConcurrency). */
  readonly defaultConcurrency: number;
}

export interface CreateOptions {
  readonly tags?: Readonly<Record<string, string>>;
  readonly origin?: 'api' | 'config';
}

type CodeFields = Pick<FunctionRecord, 'kind' | 'codeDir' | 'endpointUrl' | 'codeSha256' | 'codeSize' | 'codeRevision' | 'state' | 'stateReason' | 'stateReasonCode'>;

export class FunctionRegistry implements FunctionLookup {
  private readonly functions = new Map<string, FunctionRecord>();
  private readonly code: CodeStore;
  private tail: Promise<unknown> = Promise.resolve();

  /** Concurrency given to new functions unless configured otherwise. */
  readonly defaultConcurrency: number;

  constructor(private readonly options: FunctionRegistryOptions) {
    this.defaultConcurrency = options.defaultConcurrency;
    this.code = new CodeStore(join(options.dataDir, 'functions'));
  }

  /** Reads every persisted function and removes code directories no function refers to. */
  async load(): Promise<void> {
    const entries = await this.options.store.list<FunctionRecord>(FUNCTIONS_COLLECTION);
    this.functions.clear();
    for (const entry of entries) this.functions.set(entry.key, entry.value);
    for (const name of await this.code.functionNames()) {
      const revision = this.functions.get(name)?.codeRevision;
      await this.code.prune(name, new Set(revision === undefined ? [] : [revision]));
    }
  }

  /** FunctionLookup: the current definition, or undefined. */
  get(name: string): FunctionDefinition | undefined {
    return this.functions.get(name);
  }

  /** The full record, or undefined. */
  find(name: string): FunctionRecord | undefined {
    return this.functions.get(name);
  }

  /** The full record; throws FunctionNotFoundError. */
  require(name: string): FunctionRecord {
    const found = this.functions.get(name);
    if (found === undefined) throw new FunctionNotFoundError(name);
    return found;
  }

  /** Every function, by name. */
  list(): FunctionRecord[] {
    return [...this.functions.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /**
   * Creates a function: unpacks its code, persists it, then makes it visible (Active, or Failed
   * when a directory source is missing). Throws FunctionExistsError, InvalidCodeError.
   */
  create(name: string, settings: FunctionSettings, source: CodeSource, options: CreateOptions = {}): Promise<FunctionRecord> {
    return this.exclusive(async () => {
      if (this.functions.has(name)) throw new FunctionExistsError(name);
      const code = await this.prepareCode(name, source);
      const record: FunctionRecord = {
        name,
        arn: `arn:aws:lambda:${this.options.region}:${this.options.accountId}:function:${name}`,
        ...settings,
        ...code,
        revisionId: randomUUID(),
        lastModified: this.options.clock.now(),
        tags: options.tags ?? {},
        origin: options.origin ?? 'api',
      };
      try {
        await this.options.store.commit([{ kind: 'put', collection: FUNCTIONS_COLLECTION, key: name, value: record, expectedVersion: 0 }]);
      } catch (err) {
        if (code.codeRevision !== undefined) await this.code.prune(name);
        throw err;
      }
      this.functions.set(name, record);
      return record;
    });
  }

  /**
   * Replaces the code (and optionally settings in the same revision); throws
   * FunctionNotFoundError, RevisionMismatchError, InvalidCodeError.
   */
  updateCode(name: string, source: CodeSource, expectedRevisionId?: string, changes: Partial<FunctionSettings> = {}): Promise<FunctionRecord> {
    return this.exclusive(async () => {
      const current = this.current(name, expectedRevisionId);
      const code = await this.prepareCode(name, source);
      const updated = await this.replace({ ...withoutCode(current), ...withoutUndefined(changes), ...code });
      await this.code.prune(name, new Set(code.codeRevision === undefined ? [] : [code.codeRevision]));
      return updated;
    });
  }

  /** Changes settings; throws FunctionNotFoundError, RevisionMismatchError. */
  updateSettings(name: string, changes: Partial<FunctionSettings>, expectedRevisionId?: string): Promise<FunctionRecord> {
    return this.exclusive(async () => {
      const current = this.current(name, expectedRevisionId);
      return this.replace({ ...current, ...withoutUndefined(changes) });
    });
  }

  /**
   * Sets (a number, 0 = never run) or removes (undefined) the reserved concurrency; the pool
   * size follows it, or goes back to the default. Throws FunctionNotFoundError.
   */
  setReservedConcurrency(name: string, reserved: number | undefined): Promise<FunctionRecord> {
    return this.exclusive(async () => {
      const current: Record<string, unknown> = { ...this.require(name) };
      delete current.reservedConcurrency;
      const base = current as unknown as FunctionRecord;
      const next: FunctionRecord =
        reserved === undefined
          ? { ...base, concurrency: this.defaultConcurrency }
          : { ...base, concurrency: reserved, reservedConcurrency: reserved };
      return this.replace(next);
    });
  }

  /** Replaces the tags. */
  setTags(name: string, tags: Readonly<Record<string, string>>): Promise<FunctionRecord> {
    return this.exclusive(async () => this.replace({ ...this.require(name), tags }, false));
  }

  /** Deletes the function and its uploaded code; throws FunctionNotFoundError. */
  delete(name: string): Promise<FunctionRecord> {
    return this.exclusive(async () => {
      const current = this.require(name);
      await this.options.store.commit([{ kind: 'delete', collection: FUNCTIONS_COLLECTION, key: name }]);
      this.functions.delete(name);
      await this.code.prune(name);
      return current;
    });
  }

  private current(name: string, expectedRevisionId: string | undefined): FunctionRecord {
    const current = this.require(name);
    if (expectedRevisionId !== undefined && expectedRevisionId !== current.revisionId) throw new RevisionMismatchError(name);
    return current;
  }

  private async replace(next: FunctionRecord, touch = true): Promise<FunctionRecord> {
    const record: FunctionRecord = touch ? { ...next, revisionId: randomUUID(), lastModified: this.options.clock.now() } : next;
    await this.options.store.commit([{ kind: 'put', collection: FUNCTIONS_COLLECTION, key: record.name, value: record }]);
    this.functions.set(record.name, record);
    return record;
  }

  private async prepareCode(name: string, source: CodeSource): Promise<CodeFields> {
    if (source.kind === 'http') {
      return { kind: 'http', endpointUrl: source.url, codeSha256: '', codeSize: 0, state: 'Active' };
    }
    if (source.kind === 'dir') {
      try {
        await access(source.dir);
      } catch {
        return {
          kind: 'code',
          codeDir: source.dir,
          codeSha256: '',
          codeSize: 0,
          state: 'Failed',
          stateReason: `Code directory ${source.dir} does not exist.`,
          stateReasonCode: 'InvalidConfiguration',
        };
      }
      const print = await fingerprintDir(source.dir);
      return { kind: 'code', codeDir: source.dir, codeSha256: print.sha256, codeSize: print.size, state: 'Active' };
    }
    const revision = randomUUID();
    const stored = await this.code.unpack(name, revision, source.zip);
    return { kind: 'code', codeDir: stored.dir, codeSha256: stored.sha256, codeSize: stored.size, codeRevision: revision, state: 'Active' };
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

const CODE_KEYS = ['codeDir', 'endpointUrl', 'codeRevision', 'stateReason', 'stateReasonCode'] as const;

/** The record without the fields that describe its current code (replaced on a code update). */
function withoutCode(record: FunctionRecord): FunctionRecord {
  const copy: Record<string, unknown> = { ...record };
  for (const key of CODE_KEYS) delete copy[key];
  return copy as unknown as FunctionRecord;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
