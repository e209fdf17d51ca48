// The durable queue of accepted asynchronous (Event) invocations: one StateStore entry per event,
// written before Invoke answers 202, updated with the attempt count and next-attempt time on each
// retry, deleted when the event succeeds or is finally dropped. Reloaded on start-up.

import { randomUUID } from 'node:crypto';
import type { StateStore } from '../storage/state-store.js';
import type { InvokeRequest } from './function-invoker.js';

export const EVENT_INVOCATIONS_COLLECTION = 'lambda-event-invocations';

/** One accepted event as stored. */
export interface PendingEvent {
  /** Store key: acceptance time (zero-padded) + a UUID, so reloads keep acceptance order. */
  readonly key: string;
  readonly functionName: string;
  readonly qualifier?: string;
  /** Base64 of the event's JSON bytes. */
  readonly payload: string;
  readonly requestId: string;
  readonly clientContext?: string;
  /** Attempts already finished (0 until the first attempt fails). */
  readonly attempts: number;
  /** Epoch milliseconds before which the next attempt must not start. */
  readonly nextAttemptAt: number;
}

/** A new event for `request` (its requestId set), accepted at `now`. */
export function newPendingEvent(request: InvokeRequest & { requestId: string }, now: number): PendingEvent {
  return {
    key: `${String(now).padStart(15, '0')}-${randomUUID()}`,
    functionName: request.functionName,
    ...(request.qualifier !== undefined && { qualifier: request.qualifier }),
    payload: request.payload.toString('base64'),
    requestId: request.requestId,
    ...(request.clientContext !== undefined && { clientContext: request.clientContext }),
    attempts: 0,
    nextAttemptAt: now,
  };
}

/** The invocation request an attempt of `event` makes (every attempt under the same request id). */
export function eventRequest(event: PendingEvent): InvokeRequest {
  return {
    functionName: event.functionName,
    ...(event.qualifier !== undefined && { qualifier: event.qualifier }),
    payload: Buffer.from(event.payload, 'base64'),
    requestId: event.requestId,
    ...(event.clientContext !== undefined && { clientContext: event.clientContext }),
  };
}

export class EventQueueStore {
  constructor(private readonly store: StateStore) {}

  /** Persists a newly accepted event (one commit). */
  async add(event: PendingEvent): Promise<void> {
    await this.store.commit([{ kind: 'put', collection: EVENT_INVOCATIONS_COLLECTION, key: event.key, value: event, expectedVersion: 0 }]);
  }

  /** Records that `event` is waiting for its next attempt (its attempts and nextAttemptAt updated). */
  async update(event: PendingEvent): Promise<void> {
    await this.store.commit([{ kind: 'put', collection: EVENT_INVOCATIONS_COLLECTION, key: event.key, value: event }]);
  }

  /** Forgets a finished event (succeeded or finally dropped). */
  async remove(key: string): Promise<void> {
    await this.store.commit([{ kind: 'delete', collection: EVENT_INVOCATIONS_COLLECTION, key }]);
  }

  /** Every stored event, in acceptance order. */
  async load(): Promise<PendingEvent[]> {
    return (await this.store.list<PendingEvent>(EVENT_INVOCATIONS_COLLECTION)).map((entry) => entry.value);
  }
}
