// The delivery streams of this account and region, kept durably in the StateStore collection
// 'delivery-streams' (one JSON document per name). Status CREATING turns ACTIVE lazily once the
// create delay has passed; a listener hears about creations, updates and deletions.

import { randomBytes } from 'node:crypto';
import type { Clock } from '../engine/clock.js';
import type { StateStore } from '../storage/state-store.js';
import type { DeliveryStreamDefinition, DeliveryStreamType, DestinationDefinition } from './delivery-stream-definition.js';

export const DELIVERY_STREAMS = 'delivery-streams';

export type DestinationKind = 'ExtendedS3' | 'S3' | 'HttpEndpoint';

/** One delivery stream as stored (JSON). */
export interface StoredDeliveryStream {
  readonly name: string;
  /** Random hex, fresh per incarnation (names the DirectPut log shard). */
  readonly id: string;
  readonly arn: string;
  readonly type: DeliveryStreamType;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly readyAt: number;
  readonly lastUpdatedAt?: number;
  readonly versionId: number;
  /** The destination as configured on the wire (merged across updates), for Describe and updates. */
  readonly destinationKind: DestinationKind;
  readonly destinationConfig: Readonly<Record<string, unknown>>;
  readonly destination: DestinationDefinition;
  readonly source?: { readonly kinesisStreamArn: string; readonly roleArn: string; readonly deliveryStartTimestamp: number };
  readonly tags: Readonly<Record<string, string>>;
  readonly encryption: { readonly status: 'ENABLED' | 'DISABLED'; readonly keyType?: string; readonly keyArn?: string };
}

export type DeliveryStreamStatus = 'CREATING' | 'ACTIVE';

export interface DeliveryStreamListener {
  /** A stream was created (`fresh`), or loaded at start-up (not fresh). */
  created(stream: StoredDeliveryStream, fresh: boolean): Promise<void>;
  /** Its destination changed (new version). */
  updated(stream: StoredDeliveryStream): Promise<void>;
  /** It was deleted; release its source and buffers. */
  deleted(stream: StoredDeliveryStream): Promise<void>;
}

export class DeliveryStreamNotFoundError extends Error {
  constructor(readonly streamName: string) {
    super(`delivery stream ${streamName} not found`);
    this.name = 'DeliveryStreamNotFoundError';
  }
}

export class DeliveryStreamExistsError extends Error {
  constructor(readonly streamName: string) {
    super(`delivery stream ${streamName} already exists`);
    this.name = 'DeliveryStreamExistsError';
  }
}

export interface CreateDeliveryStreamSpec {
  readonly name: string;
  readonly type: DeliveryStreamType;
  readonly destinationKind: DestinationKind;
  readonly destinationConfig: Readonly<Record<string, unknown>>;
  readonly destination: DestinationDefinition;
  readonly source?: { readonly kinesisStreamArn: string; readonly roleArn: string };
  readonly tags: Readonly<Record<string, string>>;
}

export class DeliveryStreamRegistry {
  private readonly streams = new Map<string, StoredDeliveryStream>();

  constructor(
    private readonly options: {
      store: StateStore;
      clock: Clock;
      accountId: string;
      region: string;
      createDelayMs: number;
      listener?: DeliveryStreamListener;
    },
  ) {}

  get accountId(): string {
    return this.options.accountId;
  }

  /** Reads every stored stream and tells the listener about each. */
  async load(): Promise<void> {
    for (const entry of await this.options.store.list<StoredDeliveryStream>(DELIVERY_STREAMS)) {
      this.streams.set(entry.key, entry.value);
      await this.options.listener?.created(entry.value, false);
    }
  }

  arnOf(name: string): string {
    return `arn:aws:firehose:${this.options.region}:${this.options.accountId}:deliverystream/${name}`;
  }

  /** Stores a new stream (CREATING until the create delay passes). Throws DeliveryStreamExistsError. */
  async create(spec: CreateDeliveryStreamSpec): Promise<StoredDeliveryStream> {
    if (this.streams.has(spec.name)) throw new DeliveryStreamExistsError(spec.name);
    const now = this.options.clock.now();
    const stream: StoredDeliveryStream = {
      name: spec.name,
      id: randomBytes(8).toString('hex'),
      arn: this.arnOf(spec.name),
      type: spec.type,
      createdAt: now,
      readyAt: now + this.options.createDelayMs,
      versionId: 1,
      destinationKind: spec.destinationKind,
      destinationConfig: spec.destinationConfig,
      destination: spec.destination,
      ...(spec.source && { source: { ...spec.source, deliveryStartTimestamp: now } }),
      tags: spec.tags,
      encryption: { status: 'DISABLED' },
    };
    await this.options.store.commit([{ kind: 'put', collection: DELIVERY_STREAMS, key: spec.name, value: stream, expectedVersion: 0 }]);
    this.streams.set(spec.name, stream);
    await this.options.listener?.created(stream, true);
    return stream;
  }

  /** The stream or DeliveryStreamNotFoundError. */
  require(name: string): StoredDeliveryStream {
    const stream = this.streams.get(name);
    if (!stream) throw new DeliveryStreamNotFoundError(name);
    return stream;
  }

  statusOf(stream: StoredDeliveryStream): DeliveryStreamStatus {
    return this.options.clock.now() >= stream.readyAt ? 'ACTIVE' : 'CREATING';
  }

  /** Streams sorted by name. */
  list(): StoredDeliveryStream[] {
    return [...this.streams.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Replaces fields of a stream durably; `bumpVersion` for destination updates (tells the listener). */
  async update(name: string, change: Partial<StoredDeliveryStream>, bumpVersion = false): Promise<StoredDeliveryStream> {
    const current = this.require(name);
    const next: StoredDeliveryStream = {
      ...current,
      ...change,
      ...(bumpVersion && { versionId: current.versionId + 1, lastUpdatedAt: this.options.clock.now() }),
    };
    await this.options.store.commit([{ kind: 'put', collection: DELIVERY_STREAMS, key: name, value: next }]);
    this.streams.set(name, next);
    if (bumpVersion) await this.options.listener?.updated(next);
    return next;
  }

  /** Removes a stream durably, then tells the listener. */
  async delete(name: string): Promise<void> {
    const stream = this.require(name);
    await this.options.store.commit([{ kind: 'delete', collection: DELIVERY_STREAMS, key: name }]);
    this.streams.delete(name);
    await this.options.listener?.deleted(stream);
  }
}

/** The engine's view of a stored stream. */
export function definitionOf(stream: StoredDeliveryStream): DeliveryStreamDefinition {
  return {
    name: stream.name,
    arn: stream.arn,
    type: stream.type,
    versionId: String(stream.versionId),
    createdAt: stream.createdAt,
    ...(stream.source && { sourceStreamArn: stream.source.kinesisStreamArn }),
    destination: stream.destination,
  };
}
