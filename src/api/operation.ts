// The contract between the model-driven service dispatcher and one operation file in api/<service>/.

import type { Clock } from '../engine/clock.js';

/** Per-request facts an operation may need. */
export interface RequestContext {
  readonly requestId: string;
  /** Account id used in ARNs (from config). */
  readonly accountId: string;
  /** Region used in ARNs (from config). */
  readonly region: string;
  readonly clock: Clock;
}

/**
 * Input as decoded and validated against the service model: structure members keep their wire
 * names (`StreamName`), blobs are Buffers, timestamps are Dates, integers/longs are numbers.
 * Output uses the same conventions; the codec turns it into JSON or CBOR.
 */
export type OperationInput = Record<string, unknown>;
export type OperationOutput = Record<string, unknown>;

export interface Operation<Deps> {
  /** Wire name, e.g. `PutRecords`. */
  readonly name: string;
  handle(input: OperationInput, deps: Deps, ctx: RequestContext): Promise<OperationOutput>;
}

/** A service the http layer can route JSON-RPC style requests (X-Amz-Target) to. */
export interface JsonRpcService {
  /** Target prefix before the dot, e.g. `Kinesis_20131202`. */
  readonly targetPrefix: string;
  /** SigV4 signing name, e.g. `kinesis`. */
  readonly signingName: string;
  /** JSON protocol version of the service: '1.0' or '1.1'. */
  readonly jsonVersion: '1.0' | '1.1';
  hasOperation(name: string): boolean;
  /**
   * Validates `body` (already decoded from JSON or CBOR into plain values; CBOR byte strings as
   * Buffers) against the model, then runs the operation. Throws AwsError for every failure.
   * `wire` tells the validator which encoding produced the value (blob/timestamp rules differ).
   */
  invoke(operation: string, body: unknown, wire: 'json' | 'cbor', ctx: RequestContext): Promise<OperationOutput>;
}
