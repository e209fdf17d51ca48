// The event source side of a Create request: which ARNs name a source this server can poll (Kinesis
// streams), whether the stream exists, and the StartingPosition rules of ESM.md §2.

import { StreamNotFoundError } from '../engine/streams/stream-errors.js';
import type { StreamSource } from '../engine/streams/stream-lookup.js';
import type { MappingDefinition } from './mapping-definition.js';
import { MappingRequestError } from './mapping-registry-errors.js';

export type StartingPosition = MappingDefinition['startingPosition'];

/** AWS's printing order in the enum violation message. */
const STARTING_POSITIONS: readonly StartingPosition[] = ['LATEST', 'AT_TIMESTAMP', 'TRIM_HORIZON'];
const KINESIS_ARN = /^arn:aws[a-zA-Z0-9-]*:kinesis:/;

/** The EventSourceArn when it names a Kinesis resource; else "Unrecognized event source." */
export function checkEventSource(eventSourceArn: string | undefined): string {
  if (eventSourceArn === undefined || !KINESIS_ARN.test(eventSourceArn)) {
    throw new MappingRequestError({ kind: 'unrecognizedEventSource' });
  }
  return eventSourceArn;
}

/** Throws "Stream not found: <arn>" unless the ARN names a stream of this account and region. */
export function checkStreamExists(streams: StreamSource, eventSourceArn: string): void {
  try {
    streams.require({ streamArn: eventSourceArn });
  } catch (err) {
    if (err instanceof StreamNotFoundError) throw new MappingRequestError({ kind: 'streamNotFound', eventSourceArn });
    throw err;
  }
}

/**
 * StartingPosition is required for streams; AT_TIMESTAMP needs StartingPositionTimestamp (epoch
 * ms), which is kept only with AT_TIMESTAMP.
 */
export function checkStartingPosition(
  position: string | undefined,
  timestamp: number | undefined,
): { startingPosition: StartingPosition; startingPositionTimestamp?: number } {
  if (position === undefined) throw new MappingRequestError({ kind: 'startingPositionMissing' });
  const known = STARTING_POSITIONS.find((p) => p === position);
  if (known === undefined) {
    throw new MappingRequestError({
      kind: 'violations',
      violations: [{ path: 'startingPosition', printed: position, constraint: { kind: 'enum', values: STARTING_POSITIONS } }],
    });
  }
  if (known !== 'AT_TIMESTAMP') return { startingPosition: known };
  if (timestamp === undefined) throw new MappingRequestError({ kind: 'startingPositionTimestampMissing' });
  return { startingPosition: known, startingPositionTimestamp: timestamp };
}
