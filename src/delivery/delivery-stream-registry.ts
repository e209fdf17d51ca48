// The delivery streams of this account and region, kept durably in the StateStore collection
// 'delivery-streams' (one JSON document per name). Status CREATING turns ACTIVE lazily once the
// create delay has passed; a deleted stream is DELETING for the delete delay (as Kinesis streams
// are), then gone. A listener hears about creations, updates and deletions.

import { randomBytes } from 'node:crypto';
import type { Clock } from '../engine/clock.js';
import type { StateStore } from '../storage/state-store.js';
import type { DeliveryStreamDefinition, DeliveryStreamType, DestinationDefinition } from './delivery-stream-definition.js';

export const DELIVERY_STREAMS = 'delivery-streams';

export type DestinationKind = 'ExtendedS3' | 'S3' | 'HttpEndpoint' | 'Redshift';

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
  /** Set by DeleteDeliveryStream: DELETING until then (epoch ms), gone afterwards. */
  readonly deletingUntil?: number;
}

export type DeliveryStreamStatus = 'CREATING' | 'ACTIVE' | 'DELETING';

export interface DeliveryStreamListener {
  /** A stream was created (`fresh`), or loaded at start-up (not fresh). */
  created(stream: StoredDeliveryStream, fresh: boolean): Promise<void>;
  /** Its destination changed (new version). */
  updated(stream: StoredDeliveryStream): Promise<void>;
  /** DeleteDeliveryStream: it is DELETING; stop delivering (buffered data is abandoned). */
  deleting(stream: StoredDeliveryStream): Promise<void>;
  /** The DELETING period ended and it is gone; release its log, checkpoints and spool. */
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
      /** How long a deleted stream stays DELETING (0: gone at once). */
      deleteDelayMs: number;
      listener?: DeliveryStreamListener;
    },
  ) {}

  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Serialises deletion finalisation. */
  private finalizing: Promise<void> = Promise.resolve();

  get accountId(): string {
    return this.options.accountId;
  }

  /** Reads every stored stream and tells the listener about each (DELETING ones finish deleting). */
  async load(): Promise<void> {
    for (const entry of await this.options.store.list<StoredDeliveryStream>(DELIVERY_STREAMS)) {
      this.streams.set(entry.key, entry.value);
      if (entry.value.deletingUntil === undefined) await this.options.listener?.created(entry.value, false);
    }
    await this.finalizeDeletions();
  }

  arnOf(name: string): string {
    return `arn:aws:firehose:${this.options.region}:${this.options.accountId}:deliverystream/${name}`;
  }

  /** Stores a new stream (CREATING until the create delay passes). Throws DeliveryStreamExistsError. */
  async create(spec: CreateDeliveryStreamSpec): Promise<StoredDeliveryStream> {
    await this.finalizeDeletions();
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

  /** The stream (a DELETING one until its deletion is due) or DeliveryStreamNotFoundError. */
  require(name: string): StoredDeliveryStream {
    const stream = this.streams.get(name);
    if (!stream || this.gone(stream)) throw new DeliveryStreamNotFoundError(name);
    return stream;
  }

  statusOf(stream: StoredDeliveryStream): DeliveryStreamStatus {
    if (stream.deletingUntil !== undefined) return 'DELETING';
    return this.options.clock.now() >= stream.readyAt ? 'ACTIVE' : 'CREATING';
  }

  /** Streams sorted by name (DELETING ones included until their deletion is due). */
  list(): StoredDeliveryStream[] {
    return [...this.streams.values()].filter((s) => !this.gone(s)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private gone(stream: StoredDeliveryStream): boolean {
    return stream.deletingUntil !== undefined && this.options.clock.now() >= stream.deletingUntil;
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

  /**
   * DeleteDeliveryStream: marks the stream DELETING durably and tells the listener (delivery stops);
   * after deleteDelayMs it is removed and the listener releases its resources. Deleting a DELETING
   * stream changes nothing.
   */
  async delete(name: string): Promise<void> {
    const stream = this.require(name);
    if (stream.deletingUntil !== undefined) return;
    const deleting: StoredDeliveryStream = { ...stream, deletingUntil: this.options.clock.now() + this.options.deleteDelayMs };
    await this.options.store.commit([{ kind: 'put', collection: DELIVERY_STREAMS, key: name, value: deleting }]);
    this.streams.set(name, deleting);
    await this.options.listener?.deleting(deleting);
    await this.finalizeDeletions();
  }

  /** Removes the streams whose DELETING period is over (also run by a timer and lazily). */
  finalizeDeletions(): Promise<void> {
    const run = this.finalizing.then(() => this.finalizeDue());
    this.finalizing = run.catch(() => undefined);
    return run;
  }

  /** Stops the deletion timer. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async finalizeDue(): Promise<void> {
    const now = this.options.clock.now();
    for (const stream of [...this.streams.values()]) {
      if (stream.deletingUntil === undefined || now < stream.deletingUntil) continue;
      await this.options.store.commit([{ kind: 'delete', collection: DELIVERY_STREAMS, key: stream.name }]);
      this.streams.delete(stream.name);
      await this.options.listener?.deleted(stream);
    }
    const pending = [...this.streams.values()].filter((s) => s.deletingUntil !== undefined).map((s) => s.deletingUntil!);
    if (pending.length > 0) this.schedule(Math.max(0, Math.min(...pending) - now));
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.finalizeDeletions().catch(() => this.schedule(1000));
    }, delayMs + 1);
    this.timer.unref();
  }
}

/** The engine's view of a stored stream. */
export function definitionOf(stream: StoredDeliveryStream): DeliveryStreamDefinition {
  return {
    name: stream.name,
    id: stream.id,
    arn: stream.arn,
    type: stream.type,
    versionId: String(stream.versionId),
    createdAt: stream.createdAt,
    ...(stream.source && { sourceStreamArn: stream.source.kinesisStreamArn }),
    destination: stream.destination,
  };
}
