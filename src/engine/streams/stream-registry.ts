// StreamRegistry: the control plane's source of truth for streams. Keeps every stream in memory,
// persists each change to the StateStore (collection "streams", key = name) before exposing it,
// and creates/deletes the streams' RecordLog shards. Mutations run one at a time.

import type { Clock } from '../clock.js';
import type { RecordLog } from '../../storage/record-log.js';
import { VersionConflictError, type StateStore } from '../../storage/state-store.js';
import { AccountSettings } from './account-settings.js';
import { ResourcePolicies } from './resource-policies.js';
import { evenShardLayout, shardIdFor } from './shard-layout.js';
import { parseStreamArn, streamArn } from './stream-arn.js';
import { checkOnDemandLimit, checkShardLimit, checkWarmThroughput, openProvisionedShards } from './stream-capacity.js';
import { StreamExistsError, StreamNotActiveError, StreamNotFoundError, StreamReferenceError } from './stream-errors.js';
import { newStreamId } from './stream-id.js';
import { DEFAULT_RETENTION_HOURS } from './stream-retention.js';
import type { StreamMode, StreamState } from './stream-state.js';
import { deletionDue, effectiveStream } from './stream-status.js';
import { addTags } from './stream-tags.js';

export interface StreamRegistryOptions {
  readonly store: StateStore;
  readonly log: RecordLog;
  readonly clock: Clock;
  readonly accountId: string;
  readonly region: string;
  /** How long a new stream stays CREATING (0: ACTIVE at once). */
  readonly createDelayMs: number;
  /** How long a deleted stream stays DELETING before it and its records are gone. */
  readonly deleteDelayMs: number;
  /** How long an update (encryption, mode, warm throughput) keeps a stream UPDATING. */
  readonly updateDelayMs: number;
  /** Account-wide limit on the open shards of PROVISIONED streams. */
  readonly shardLimit: number;
  /** Account-wide limit on the number of ON_DEMAND streams. */
  readonly onDemandStreamCountLimit: number;
}

/** Names a stream by name, ARN, or both (which must then agree). */
export interface StreamRef {
  readonly streamName?: string;
  readonly streamArn?: string;
}

export interface NewStream {
  readonly name: string;
  readonly mode: StreamMode;
  /** PROVISIONED only; defaults to DEFAULT_SHARD_COUNT. ON_DEMAND streams start with ON_DEMAND_INITIAL_SHARDS. */
  readonly shardCount?: number;
  readonly tags?: Readonly<Record<string, string>>;
  readonly warmThroughputMiBps?: number;
  readonly maxRecordSizeKiB?: number;
}

export interface StreamLimits {
  readonly shardLimit: number;
  readonly openShardCount: number;
  readonly onDemandStreamCount: number;
  readonly onDemandStreamCountLimit: number;
}

export const DEFAULT_SHARD_COUNT = 4;
export const ON_DEMAND_INITIAL_SHARDS = 4;
export const DEFAULT_MAX_RECORD_SIZE_KIB = 1024;
const COLLECTION = 'streams';
const RETRY_FINALIZE_MS = 1000;

interface Entry {
  readonly state: StreamState;
  readonly version: number;
}

export class StreamRegistry {
  readonly accountId: string;
  readonly region: string;
  /** Account-level settings (throughput billing commitment). */
  readonly account: AccountSettings;
  /** Resource policies of streams. */
  readonly policies: ResourcePolicies;
  private readonly entries = new Map<string, Entry>();
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: StreamRegistryOptions) {
    this.accountId = options.accountId;
    this.region = options.region;
    this.account = new AccountSettings({ store: options.store, clock: options.clock });
    this.policies = new ResourcePolicies({ store: options.store });
  }

  /**
   * Loads every stream from the store (the RecordLog must be open), recreates any RecordLog shard
   * a crash left uncreated, and finishes deletions that came due while the server was down.
   */
  async load(): Promise<void> {
    await this.account.load();
    await this.policies.load();
    this.entries.clear();
    for (const entry of await this.options.store.list<StreamState>(COLLECTION)) {
      this.entries.set(entry.key, { state: entry.value, version: entry.version });
    }
    for (const { state } of this.entries.values()) {
      if (state.status === 'DELETING') continue;
      for (const shard of state.shards) {
        if (!this.options.log.hasShard(shard.logKey)) await this.options.log.createShard(shard.logKey);
      }
    }
    await this.exclusive(() => this.finalizeDue());
  }

  /**
   * The stream `ref` names, with its status as of now. Throws StreamReferenceError when neither
   * or mismatching name and ARN are given, StreamNotFoundError when it does not exist (a
   * DELETING stream exists until its deletion is due).
   */
  require(ref: StreamRef): StreamState {
    const { name, accountId, local } = this.resolve(ref);
    const entry = local ? this.entries.get(name) : undefined;
    const state = entry && effectiveStream(entry.state, this.options.clock.now());
    if (!state) {
      if (entry) this.schedule(0);
      throw new StreamNotFoundError(name, accountId);
    }
    return state;
  }

  /** Every existing stream with its current status, in ascending name order. */
  list(): StreamState[] {
    const now = this.options.clock.now();
    const out: StreamState[] = [];
    for (const { state } of this.entries.values()) {
      const current = effectiveStream(state, now);
      if (current) out.push(current);
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Account usage against the limits (open shards count PROVISIONED streams only). */
  limits(): StreamLimits {
    const streams = this.list();
    return {
      shardLimit: this.options.shardLimit,
      openShardCount: openProvisionedShards(streams),
      onDemandStreamCount: streams.filter((s) => s.mode === 'ON_DEMAND').length,
      onDemandStreamCountLimit: this.options.onDemandStreamCountLimit,
    };
  }

  /**
   * Creates a stream (CREATING for createDelayMs, then ACTIVE) and its RecordLog shards.
   * Throws StreamExistsError, ShardLimitExceededError, OnDemandStreamLimitExceededError,
   * StreamModeError (warm throughput) or TagError.
   */
  create(request: NewStream): Promise<StreamState> {
    return this.exclusive(async () => {
      await this.finalizeDue();
      const { accountId, region } = this;
      const { name, mode } = request;
      if (this.entries.has(name)) throw new StreamExistsError(name, accountId);
      const streams = this.list();
      const shardCount = mode === 'ON_DEMAND' ? ON_DEMAND_INITIAL_SHARDS : (request.shardCount ?? DEFAULT_SHARD_COUNT);
      if (mode === 'PROVISIONED') this.checkShardLimit(streams, shardCount);
      else this.checkOnDemandLimit(streams);
      if (request.warmThroughputMiBps !== undefined) this.checkWarmThroughput(mode, name);
      const tags = addTags({}, request.tags ?? {}, name, accountId);
      const now = this.options.clock.now();
      const id = newStreamId();
      const state: StreamState = {
        name,
        id,
        arn: streamArn(region, accountId, name),
        status: this.options.createDelayMs > 0 ? 'CREATING' : 'ACTIVE',
        ...(this.options.createDelayMs > 0 && { statusUntil: now + this.options.createDelayMs }),
        mode,
        createdAt: now,
        retentionHours: DEFAULT_RETENTION_HOURS,
        encryptionType: 'NONE',
        shardLevelMetrics: [],
        tags,
        maxRecordSizeKiB: request.maxRecordSizeKiB ?? DEFAULT_MAX_RECORD_SIZE_KIB,
        ...(request.warmThroughputMiBps !== undefined && { warmThroughputMiBps: request.warmThroughputMiBps }),
        shards: evenShardLayout(shardCount).map((range, index) => {
          const shardId = shardIdFor(index);
          return { shardId, index, ...range, createdAt: now, logKey: `${id}/${shardId}` };
        }),
      };
      await this.persist(state, 0);
      for (const shard of state.shards) await this.options.log.createShard(shard.logKey);
      return state;
    });
  }

  /**
   * Marks an ACTIVE stream DELETING; after deleteDelayMs its RecordLog shards and entry (and
   * resource policy) are removed. Deleting a stream that is already DELETING changes nothing.
   */
  delete(ref: StreamRef): Promise<void> {
    return this.exclusive(async () => {
      const state = this.require(ref);
      if (state.status === 'DELETING') return;
      if (state.status !== 'ACTIVE') throw new StreamNotActiveError(state.name, this.accountId, state.status);
      const until = this.options.clock.now() + this.options.deleteDelayMs;
      await this.persist({ ...state, status: 'DELETING', statusUntil: until }, this.versionOf(state.name));
      if (this.options.deleteDelayMs <= 0) await this.finalizeDue();
      else this.schedule(this.options.deleteDelayMs);
    });
  }

  /**
   * Applies `change` to an ACTIVE stream and persists it (a member set to undefined is removed). With `transition`, the stream is
   * UPDATING for updateDelayMs afterwards (as AWS does for encryption and mode changes).
   * Throws StreamNotFoundError, StreamNotActiveError, or whatever `change` throws.
   */
  update(ref: StreamRef, change: (stream: StreamState) => Partial<StreamState>, options: { transition?: boolean } = {}): Promise<StreamState> {
    return this.exclusive(async () => {
      const state = this.require(ref);
      if (state.status !== 'ACTIVE') throw new StreamNotActiveError(state.name, this.accountId, state.status);
      const merged: Record<string, unknown> = { ...state, ...change(state), name: state.name, id: state.id, arn: state.arn };
      for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
      let next = merged as unknown as StreamState;
      if (options.transition && this.options.updateDelayMs > 0) {
        next = { ...next, status: 'UPDATING', statusUntil: this.options.clock.now() + this.options.updateDelayMs };
      }
      await this.persist(next, this.versionOf(state.name));
      return next;
    });
  }

  /**
   * UpdateStreamMode: switches an ACTIVE stream's capacity mode (UPDATING afterwards), checking
   * the limit of the mode it enters. Warm throughput is only for ON_DEMAND with a commitment.
   * Switching to the mode the stream already has changes nothing.
   */
  async setMode(ref: StreamRef, mode: StreamMode, warmThroughputMiBps?: number): Promise<StreamState> {
    const current = this.require(ref);
    if (warmThroughputMiBps !== undefined) this.checkWarmThroughput(mode, current.name);
    if (current.mode === mode && warmThroughputMiBps === undefined) return current;
    const others = this.list().filter((s) => s.name !== current.name);
    if (current.mode !== mode) {
      const open = current.shards.filter((s) => s.endingSequenceNumber === undefined).length;
      if (mode === 'PROVISIONED') this.checkShardLimit(others, open);
      else this.checkOnDemandLimit(others);
    }
    return this.update(ref, () => ({ mode, warmThroughputMiBps }), { transition: true });
  }

  /** UpdateStreamWarmThroughput: sets the warm throughput of an ACTIVE ON_DEMAND stream (UPDATING afterwards). */
  async setWarmThroughput(ref: StreamRef, warmThroughputMiBps: number): Promise<StreamState> {
    const current = this.require(ref);
    this.checkWarmThroughput(current.mode, current.name);
    return this.update(ref, () => ({ warmThroughputMiBps }), { transition: true });
  }

  /** Removes the streams whose deletion is due now (for timers and tests driving a ManualClock). */
  finalizeDeletions(): Promise<void> {
    return this.exclusive(() => this.finalizeDue());
  }

  /** Stops the deletion timer and waits for running mutations. The store and log stay open. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.chain.catch(() => undefined);
  }

  /** The stream name a ref designates, the account it belongs to, and whether that is this account and region. */
  private resolve(ref: StreamRef): { name: string; accountId: string; local: boolean } {
    const { streamName, streamArn: arn } = ref;
    if (arn === undefined) {
      if (streamName === undefined) throw new StreamReferenceError('missing');
      return { name: streamName, accountId: this.accountId, local: true };
    }
    const parsed = parseStreamArn(arn);
    if (streamName !== undefined && parsed?.streamName !== streamName) throw new StreamReferenceError('mismatch');
    if (!parsed) return { name: arn, accountId: this.accountId, local: false };
    const local = parsed.accountId === this.accountId && parsed.region === this.region;
    return { name: parsed.streamName, accountId: parsed.accountId, local };
  }

  private checkShardLimit(streams: readonly StreamState[], additional: number): void {
    checkShardLimit(this, streams, additional, this.options.shardLimit);
  }

  private checkOnDemandLimit(streams: readonly StreamState[]): void {
    checkOnDemandLimit(this, streams, this.options.onDemandStreamCountLimit);
  }

  private checkWarmThroughput(mode: StreamMode, name: string): void {
    checkWarmThroughput(this, mode, name, this.account.commitmentInForce());
  }

  private versionOf(name: string): number {
    return this.entries.get(name)?.version ?? 0;
  }

  private async persist(state: StreamState, expectedVersion: number): Promise<void> {
    try {
      await this.options.store.commit([{ kind: 'put', collection: COLLECTION, key: state.name, value: state, expectedVersion }]);
    } catch (err) {
      if (err instanceof VersionConflictError && expectedVersion === 0) throw new StreamExistsError(state.name, this.accountId);
      throw err;
    }
    this.entries.set(state.name, { state, version: expectedVersion + 1 });
  }

  private async finalizeDue(): Promise<void> {
    const now = this.options.clock.now();
    for (const [name, { state, version }] of [...this.entries]) {
      if (!deletionDue(state, now)) continue;
      for (const shard of state.shards) await this.options.log.deleteShard(shard.logKey);
      await this.options.store.commit([
        { kind: 'delete', collection: COLLECTION, key: name, expectedVersion: version },
        ...this.policies.deleteOps(state.arn),
      ]);
      this.entries.delete(name);
      this.policies.forget(state.arn);
    }
    const pending = [...this.entries.values()].filter((e) => e.state.status === 'DELETING');
    if (pending.length > 0) {
      const due = Math.min(...pending.map((e) => e.state.statusUntil ?? now));
      this.schedule(Math.max(0, due - now));
    }
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.finalizeDeletions().catch(() => this.schedule(RETRY_FINALIZE_MS));
    }, delayMs + 1);
    this.timer.unref();
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }
}

