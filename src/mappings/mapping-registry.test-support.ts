// Fakes for testing the MappingRegistry in-process: a runner whose calls can be held and released,
// a stream source with a fixed set of stream ARNs, and a function lookup over a fixed set of names.
// Used by mapping-registry.test.ts and test/conformance/lambda/*event-source-mapping*.

import { ManualClock } from '../engine/clock.js';
import { StreamNotFoundError } from '../engine/streams/stream-errors.js';
import type { StreamSource } from '../engine/streams/stream-lookup.js';
import type { StreamRef } from '../engine/streams/stream-registry.js';
import type { StreamState } from '../engine/streams/stream-state.js';
import type { FunctionDefinition, FunctionLookup } from '../functions/function-definition.js';
import { SqliteStateStore } from '../storage/sqlite/sqlite-state-store.js';
import type { StateStore } from '../storage/state-store.js';
import type { MappingDefinition, MappingRunner } from './mapping-definition.js';
import { MappingRegistry } from './mapping-registry.js';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';
export const STREAM_ARN = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/s1`;
export const OTHER_STREAM_ARN = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/s2`;
export const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:my-fn`;

export type RunnerCall = { readonly kind: 'apply'; readonly mapping: MappingDefinition } | { readonly kind: 'remove'; readonly uuid: string };

/** Records every call; while `hold` is set, calls wait until `release()`. */
export class FakeRunner implements MappingRunner {
  readonly calls: RunnerCall[] = [];
  hold = false;
  failWith: Error | undefined;
  closed = false;
  private waiting: (() => void)[] = [];

  apply(mapping: MappingDefinition): Promise<void> {
    this.calls.push({ kind: 'apply', mapping });
    return this.finish();
  }

  remove(uuid: string): Promise<void> {
    this.calls.push({ kind: 'remove', uuid });
    return this.finish();
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Lets every held call finish. */
  release(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resume of waiting) resume();
  }

  private async finish(): Promise<void> {
    if (this.hold) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.failWith) throw this.failWith;
  }
}

function streamState(arn: string): StreamState {
  const name = arn.slice(arn.indexOf('/') + 1);
  return {
    name,
    id: `id-${name}`,
    arn,
    status: 'ACTIVE',
    mode: 'PROVISIONED',
    createdAt: 0,
    retentionHours: 24,
    encryptionType: 'NONE',
    shardLevelMetrics: [],
    tags: {},
    maxRecordSizeKiB: 1024,
    shards: [],
  };
}

/** Streams named by ARN; anything else is StreamNotFoundError, as StreamRegistry.require throws. */
export class FakeStreams implements StreamSource {
  constructor(readonly arns: Set<string> = new Set([STREAM_ARN, OTHER_STREAM_ARN])) {}
  require(ref: StreamRef): StreamState {
    const arn = ref.streamArn ?? '';
    if (!this.arns.has(arn)) throw new StreamNotFoundError(arn.slice(arn.indexOf('/') + 1), ACCOUNT);
    return streamState(arn);
  }
  list(): StreamState[] {
    return [...this.arns].map(streamState);
  }
}

export function fakeFunction(name: string): FunctionDefinition {
  return {
    name,
    arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
    kind: 'code',
    codeDir: '/nonexistent',
    handler: 'index.handler',
    runtime: 'nodejs20.x',
    role: `arn:aws:iam::${ACCOUNT}:role/r`,
    timeoutSeconds: 3,
    memoryMb: 128,
    environment: {},
    concurrency: 1,
    revisionId: 'r1',
    state: 'Active',
  };
}

export class FakeFunctions implements FunctionLookup {
  readonly names: Set<string>;
  constructor(names: readonly string[] = ['my-fn', 'other-fn']) {
    this.names = new Set(names);
  }
  get(name: string): FunctionDefinition | undefined {
    return this.names.has(name) ? fakeFunction(name) : undefined;
  }
}

export interface RegistryFixture {
  readonly registry: MappingRegistry;
  readonly store: StateStore;
  readonly runner: FakeRunner;
  readonly clock: ManualClock;
  readonly streams: FakeStreams;
  readonly functions: FakeFunctions;
  readonly errors: unknown[];
}

/** A loaded registry over `store` (default: a fresh in-memory SQLite store). */
export async function openRegistry(
  parts: Partial<Pick<RegistryFixture, 'store' | 'runner' | 'clock' | 'streams' | 'functions'>> = {},
): Promise<RegistryFixture> {
  const store = parts.store ?? new SqliteStateStore({ path: ':memory:' });
  if (!parts.store) await store.open();
  const runner = parts.runner ?? new FakeRunner();
  const clock = parts.clock ?? new ManualClock();
  const streams = parts.streams ?? new FakeStreams();
  const functions = parts.functions ?? new FakeFunctions();
  const errors: unknown[] = [];
  const logger = { error: (obj: object) => void errors.push(obj) };
  const registry = new MappingRegistry({ store, clock, runner, streams, functions, accountId: ACCOUNT, region: REGION, logger });
  await registry.load();
  return { registry, store, runner, clock, streams, functions, errors };
}
