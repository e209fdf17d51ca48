// Names the objects of one delivery stream: evaluates a bound prefix template at the oldest record's
// arrival time and appends Firehose's suffix (object-key.ts). The name is a function of the stream
// version, the buffer and its records only, so a retried, spooled or replayed buffer overwrites.

import type { DeliveryStreamDefinition } from '../delivery-stream-definition.js';
import type { DeliveryRecord } from '../sink.js';
import { deterministicRandomString, objectKey } from './object-key.js';
import { evaluatePrefix, type PrefixPart } from './prefix-template.js';

export interface ObjectNameRequest {
  /** Bound prefix template (partition keys substituted). */
  readonly parts: readonly PrefixPart[];
  /** Identity of the buffer (partition or error type), part of the name's seed. */
  readonly bufferKey: string;
  /** The object's records, in order (at least one). */
  readonly records: readonly DeliveryRecord[];
  readonly extension: string;
  readonly errorOutputType?: string;
}

export class ObjectNamer {
  constructor(
    private readonly definition: Pick<DeliveryStreamDefinition, 'name' | 'versionId'>,
    /** IANA zone for timestamps (CustomTimeZone); UTC when absent. */
    private readonly timeZone: string | undefined,
  ) {}

  /** The full object key; deterministic for the same request. */
  name(r: ObjectNameRequest): string {
    const { name, versionId } = this.definition;
    let epochMs = Number.POSITIVE_INFINITY;
    for (const x of r.records) if (x.approximateArrivalTimestamp < epochMs) epochMs = x.approximateArrivalTimestamp;
    const seed = `${name}|${versionId}|${r.bufferKey}|${r.records[0]!.recordId}|${r.records.at(-1)!.recordId}|${r.records.length}`;
    const zone = this.timeZone !== undefined ? { timeZone: this.timeZone } : {};
    const prefix = evaluatePrefix(r.parts, {
      epochMs, ...zone,
      ...(r.errorOutputType !== undefined ? { errorOutputType: r.errorOutputType } : {}),
      randomString: (n) => deterministicRandomString(`${seed}|${n}`),
    });
    return objectKey({ prefix, streamName: name, versionId, epochMs, seed, extension: r.extension, ...zone });
  }
}
