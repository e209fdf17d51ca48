// MappingRegistry: source of truth for event source mappings, in memory and in the StateStore
// ("mappings", key = UUID; written before exposed). Mutations run one at a time; a transient state
// (Creating/Enabling/Disabling/Updating → Enabled/Disabled, Deleting → gone) settles once the runner has acted.

import { randomUUID } from 'node:crypto';
import type { Clock } from '../engine/clock.js';
import type { StreamSource } from '../engine/streams/stream-lookup.js';
import type { FunctionLookup } from '../functions/function-definition.js';
import type { StateStore } from '../storage/state-store.js';
import type { MappingDefinition, MappingRunner, MappingState, MappingStatusSink } from './mapping-definition.js';
import { functionMatcher, resolveMappingFunction, type MappingFunction } from './mapping-function-ref.js';
import { MappingConflictError, MappingInUseError, MappingNotFoundError, MappingRequestError } from './mapping-registry-errors.js';
import { checkSettingRules, DEFAULT_SETTINGS, mergeSettings, settingsViolations, type MappingSettingsInput } from './mapping-settings.js';
import { checkEventSource, checkStartingPosition, checkStreamExists } from './mapping-source.js';

export interface MappingRegistryOptions {
  readonly store: StateStore;
  readonly clock: Clock;
  readonly runner: MappingRunner;
  readonly streams: StreamSource;
  readonly functions: FunctionLookup;
  readonly accountId: string;
  readonly region: string;
  /** Where runner failures are reported; they never fail a request. */
  readonly logger?: { error(obj: object, msg: string): void };
}

/** CreateEventSourceMapping, camelCased; validation happens in the registry. */
export interface NewMapping extends MappingSettingsInput {
  readonly functionName: string;
  readonly eventSourceArn?: string;
  readonly enabled?: boolean;
  readonly startingPosition?: string;
  /** Epoch ms. */
  readonly startingPositionTimestamp?: number;
}

/** UpdateEventSourceMapping, camelCased: only the members present change. */
export interface MappingChanges extends MappingSettingsInput {
  readonly functionName?: string;
  readonly enabled?: boolean;
}

export interface MappingQuery {
  readonly eventSourceArn?: string;
  /** Name, ARN or partial ARN; unqualified matches every mapping of the function. */
  readonly functionName?: string;
  /** NextMarker of the previous page. */
  readonly marker?: string;
  /** 1–10000; at most PAGE_LIMIT are returned per page. */
  readonly maxItems?: number;
}

export interface MappingPage {
  readonly mappings: readonly MappingDefinition[];
  readonly nextMarker?: string;
}

export const PAGE_LIMIT = 100;
const COLLECTION = 'mappings';
const TRANSIENT: ReadonlySet<MappingState> = new Set(['Creating', 'Enabling', 'Disabling', 'Updating', 'Deleting']);

interface Entry {
  readonly definition: MappingDefinition;
  readonly version: number;
}

export class MappingRegistry implements MappingStatusSink {
  private readonly entries = new Map<string, Entry>();
  /** LastProcessingResult reported by the runner, overlaid on the stored definition. */
  private readonly results = new Map<string, string>();
  private readonly pending = new Set<Promise<void>>();
  /** Per mapping, the runner call in flight: calls for one mapping reach the runner in order. */
  private readonly runnerTails = new Map<string, Promise<void>>();
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: MappingRegistryOptions) {}

  /** Reads every stored mapping, hands each to the runner, and finishes interrupted transitions. */
  async load(): Promise<void> {
    const stored = await this.options.store.list<MappingDefinition>(COLLECTION);
    for (const { key, value, version } of stored) this.entries.set(key, { definition: value, version });
    for (const { definition } of this.entries.values()) {
      if (definition.state === 'Deleting') this.track(this.finishDelete(definition.uuid));
      else this.track(this.applyThenSettle(definition));
    }
  }

  /** The mapping, with its current state; throws MappingNotFoundError. */
  get(uuid: string): MappingDefinition {
    const entry = this.entries.get(uuid);
    if (!entry) throw new MappingNotFoundError(uuid);
    return this.withResult(entry.definition);
  }

  /** Mappings matching the query, in UUID order, one page at a time. */
  list(query: MappingQuery = {}): MappingPage {
    const matchesFunction = functionMatcher(query.functionName, this.options.accountId, this.options.region);
    const limit = Math.min(query.maxItems ?? PAGE_LIMIT, PAGE_LIMIT);
    const matching = [...this.entries.values()]
      .map((e) => e.definition)
      .filter((d) => query.eventSourceArn === undefined || d.eventSourceArn === query.eventSourceArn)
      .filter(matchesFunction)
      .filter((d) => query.marker === undefined || d.uuid > query.marker)
      .sort((a, b) => (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0));
    const page = matching.slice(0, limit).map((d) => this.withResult(d));
    const last = page[page.length - 1];
    return matching.length > limit && last ? { mappings: page, nextMarker: last.uuid } : { mappings: page };
  }

  /** Validates and stores a new mapping; returned `Creating` (or `Disabled` when created disabled). */
  create(request: NewMapping): Promise<MappingDefinition> {
    return this.exclusive(async () => {
      if (request.destinationConfig?.onSuccessGiven) throw new MappingRequestError({ kind: 'onSuccessUnsupported' });
      const eventSourceArn = checkEventSource(request.eventSourceArn);
      this.checkSettings(request);
      const start = checkStartingPosition(request.startingPosition, request.startingPositionTimestamp);
      checkSettingRules(request);
      const fn = this.resolveFunction(request.functionName);
      checkStreamExists(this.options.streams, eventSourceArn);
      this.checkUnique(eventSourceArn, fn);
      const uuid = randomUUID();
      const enabled = request.enabled ?? true;
      const definition: MappingDefinition = {
        uuid,
        arn: `arn:aws:lambda:${this.options.region}:${this.options.accountId}:event-source-mapping:${uuid}`,
        eventSourceArn,
        ...fn,
        enabled,
        state: enabled ? 'Creating' : 'Disabled',
        ...start,
        ...mergeSettings(DEFAULT_SETTINGS, request),
        lastModified: this.options.clock.now(),
        lastProcessingResult: 'No records processed',
        stateTransitionReason: 'User action',
      };
      await this.persist(definition, 0);
      this.track(this.applyThenSettle(definition));
      return definition;
    });
  }

  /** Merges `changes`; returned `Enabling`/`Disabling` when Enabled flips, else `Updating`. */
  update(uuid: string, changes: MappingChanges): Promise<MappingDefinition> {
    return this.exclusive(async () => {
      const { definition: current, version } = this.require(uuid);
      if (TRANSIENT.has(current.state)) throw new MappingInUseError(uuid, 'update', current.state);
      if (changes.destinationConfig?.onSuccessGiven) throw new MappingRequestError({ kind: 'onSuccessUnsupported' });
      this.checkSettings(changes);
      checkSettingRules(changes);
      let fn: MappingFunction = functionOf(current);
      if (changes.functionName !== undefined) {
        fn = this.resolveFunction(changes.functionName);
        if (fn.functionArn !== current.functionArn) this.checkUnique(current.eventSourceArn, fn);
      }
      const enabled = changes.enabled ?? current.enabled;
      const state: MappingState = enabled === current.enabled ? 'Updating' : enabled ? 'Enabling' : 'Disabling';
      const { qualifier: _q, onFailureDestination: _d, ...identity } = current;
      const next: MappingDefinition = {
        ...identity,
        ...fn,
        ...mergeSettings(current, changes),
        enabled,
        state,
        lastModified: this.options.clock.now(),
      };
      await this.persist(next, version);
      this.track(this.applyThenSettle(next));
      return this.withResult(next);
    });
  }

  /** Marks the mapping `Deleting`, stops it in the runner, then forgets it. */
  delete(uuid: string): Promise<MappingDefinition> {
    return this.exclusive(async () => {
      const { definition: current, version } = this.require(uuid);
      if (TRANSIENT.has(current.state)) throw new MappingInUseError(uuid, 'delete', current.state);
      const next: MappingDefinition = { ...current, state: 'Deleting', lastModified: this.options.clock.now() };
      await this.persist(next, version);
      this.track(this.finishDelete(uuid));
      return this.withResult(next);
    });
  }

  /** Records the runner's latest processing result; persisted only when it changes. */
  setLastProcessingResult(uuid: string, result: string): void {
    const entry = this.entries.get(uuid);
    if (!entry || this.withResult(entry.definition).lastProcessingResult === result) return;
    this.results.set(uuid, result);
    this.track(
      this.exclusive(async () => {
        const latest = this.entries.get(uuid);
        if (!this.closed && latest && latest.definition.state !== 'Deleting') await this.persist(latest.definition, latest.version);
      }),
    );
  }

  /** Resolves when every transition started so far has settled (runner called, state written). */
  async whenSettled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /**
   * Finishes the store writes already queued (reported results included), then stops writing. It
   * does not wait for the runner: a transition the runner has not finished stays stored as
   * transient and settles on the next load. The runner is closed by its owner, after this.
   */
  async close(): Promise<void> {
    await this.chain.catch(() => undefined);
    this.closed = true;
    await this.chain.catch(() => undefined);
  }

  private require(uuid: string): Entry {
    const entry = this.entries.get(uuid);
    if (!entry) throw new MappingNotFoundError(uuid);
    return entry;
  }

  private withResult(definition: MappingDefinition): MappingDefinition {
    const result = this.results.get(definition.uuid);
    return result === undefined || result === definition.lastProcessingResult ? definition : { ...definition, lastProcessingResult: result };
  }

  private checkSettings(input: MappingSettingsInput): void {
    const violations = settingsViolations(input);
    if (violations.length > 0) throw new MappingRequestError({ kind: 'violations', violations });
  }

  private resolveFunction(functionName: string): MappingFunction {
    const { functions, accountId, region } = this.options;
    const resolved = resolveMappingFunction(functionName, (name) => functions.get(name) !== undefined, accountId, region);
    if ('kind' in resolved) throw new MappingRequestError(resolved);
    return resolved;
  }

  private checkUnique(eventSourceArn: string, fn: MappingFunction): void {
    for (const { definition } of this.entries.values()) {
      if (definition.eventSourceArn === eventSourceArn && definition.functionArn === fn.functionArn) {
        throw new MappingConflictError(eventSourceArn, fn.functionName, definition.uuid);
      }
    }
  }

  /** Writes `definition` (with the latest processing result) if the stored version is still `expected`. */
  private async persist(definition: MappingDefinition, expected: number): Promise<void> {
    const value = this.withResult(definition);
    await this.options.store.commit([{ kind: 'put', collection: COLLECTION, key: value.uuid, value, expectedVersion: expected }]);
    this.entries.set(value.uuid, { definition: value, version: expected + 1 });
  }

  /** Hands the mapping (as it will be once settled) to the runner, then settles its state. */
  private async applyThenSettle(definition: MappingDefinition): Promise<void> {
    const settledView: MappingDefinition = { ...definition, state: definition.enabled ? 'Enabled' : 'Disabled' };
    await this.callRunner(definition.uuid, 'apply', () => this.options.runner.apply(settledView));
    if (!TRANSIENT.has(definition.state)) return;
    await this.exclusive(async () => {
      const entry = this.entries.get(definition.uuid);
      if (this.closed || !entry || entry.definition.state !== definition.state) return;
      const settled: MappingState = entry.definition.enabled ? 'Enabled' : 'Disabled';
      await this.persist({ ...entry.definition, state: settled, lastModified: this.options.clock.now() }, entry.version);
    });
  }

  private async finishDelete(uuid: string): Promise<void> {
    await this.callRunner(uuid, 'remove', () => this.options.runner.remove(uuid));
    await this.exclusive(async () => {
      const entry = this.entries.get(uuid);
      if (this.closed || !entry) return;
      await this.options.store.commit([{ kind: 'delete', collection: COLLECTION, key: uuid, expectedVersion: entry.version }]);
      this.entries.delete(uuid);
      this.results.delete(uuid);
    });
  }

  /** Runs `call` after the previous runner call for `uuid`; logs (never throws) a failure. */
  private async callRunner(uuid: string, what: 'apply' | 'remove', call: () => Promise<void>): Promise<void> {
    const previous = this.runnerTails.get(uuid) ?? Promise.resolve();
    const run = previous.then(call).catch((err: unknown) => {
      this.options.logger?.error({ err, uuid }, `mapping runner failed to ${what} the mapping`);
    });
    this.runnerTails.set(uuid, run);
    await run;
    if (this.runnerTails.get(uuid) === run) this.runnerTails.delete(uuid);
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((err: unknown) => this.options.logger?.error({ err }, 'mapping transition failed'));
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }
}

function functionOf(definition: MappingDefinition): MappingFunction {
  const { functionName, qualifier, functionArn } = definition;
  return qualifier !== undefined ? { functionName, qualifier, functionArn } : { functionName, functionArn };
}
