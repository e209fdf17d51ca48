// The event a Kinesis event source mapping hands to a function (ESM.md §1): {"Records":[...]},
// each record serialized to UTF-8 once, when it is read, so batches are cut by exact payload size
// and an event is one Buffer.concat (no large string is ever built). Key order is AWS's.

import type { StoredRecord } from '../../storage/record-log.js';
import { SequenceNumberFormatter } from '../../engine/streams/sequence-number.js';

/** The synchronous Invoke payload limit the serialized event must respect (6 MB). */
export const MAX_INVOKE_PAYLOAD_BYTES = 6_291_456;

/** A record ready to be delivered. */
export interface EventRecord {
  readonly offset: number;
  readonly sequenceNumber: string;
  /** Arrival time, epoch ms. */
  readonly timestamp: number;
  readonly partitionKey: string;
  /** This record's element of the event's `Records` array, serialized (UTF-8). */
  readonly json: Buffer;
  /** `json.length`. */
  readonly bytes: number;
}

export interface EventShard {
  readonly shardId: string;
  readonly index: number;
  readonly createdAt: number;
}

export interface EventSource {
  readonly streamArn: string;
  readonly region: string;
  /** The function's execution role (invokeIdentityArn). */
  readonly role: string;
}

/** Turns the stored records of one shard into event records. */
export class EventRecordBuilder {
  private readonly formatter: SequenceNumberFormatter;
  private readonly eventIdPrefix: string;
  private readonly tail: string;

  constructor(shard: EventShard, source: EventSource) {
    this.formatter = new SequenceNumberFormatter(shard.index, shard.createdAt);
    this.eventIdPrefix = `},"eventSource":"aws:kinesis","eventVersion":"1.0","eventID":"${shard.shardId}:`;
    this.tail =
      `","eventName":"aws:kinesis:record","invokeIdentityArn":${JSON.stringify(source.role)},` +
      `"awsRegion":${JSON.stringify(source.region)},"eventSourceARN":${JSON.stringify(source.streamArn)}}`;
  }

  /** The record's sequence number. */
  sequenceNumber(record: StoredRecord): string {
    return this.formatter.format(record.offset, record.timestamp);
  }

  build(record: StoredRecord, sequenceNumber: string): EventRecord {
    const json = Buffer.from(
      `{"kinesis":{"kinesisSchemaVersion":"1.0","partitionKey":${JSON.stringify(record.partitionKey)},` +
      `"sequenceNumber":"${sequenceNumber}","data":"${record.data.toString('base64')}",` +
      `"approximateArrivalTimestamp":${record.timestamp / 1000}` +
      `${this.eventIdPrefix}${sequenceNumber}${this.tail}`,
    );
    return {
      offset: record.offset,
      sequenceNumber,
      timestamp: record.timestamp,
      partitionKey: record.partitionKey,
      json,
      bytes: json.length,
    };
  }
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');
const PLAIN_PREFIX = Buffer.from('{"Records":');
const PLAIN_SUFFIX = Buffer.from('}');

/** `prefix` + the serialized `Records` array + `suffix`, as one Buffer. */
export function withRecords(prefix: Buffer, records: readonly EventRecord[], suffix: Buffer): Buffer {
  const parts: Buffer[] = new Array(records.length * 2 + 3);
  let n = 0;
  parts[n++] = prefix;
  parts[n++] = OPEN;
  for (let i = 0; i < records.length; i++) {
    if (i > 0) parts[n++] = COMMA;
    parts[n++] = records[i]!.json;
  }
  parts[n++] = CLOSE;
  parts[n++] = suffix;
  parts.length = n;
  return Buffer.concat(parts);
}

/** Byte size of a `Records` array holding `count` records of `recordBytes` bytes in all. */
export function recordsJsonBytes(count: number, recordBytes: number): number {
  return 2 + recordBytes + Math.max(0, count - 1);
}

/** The plain event: {"Records":[...]}. */
export function kinesisEvent(records: readonly EventRecord[]): Buffer {
  return withRecords(PLAIN_PREFIX, records, PLAIN_SUFFIX);
}

/** Bytes of the plain event around its Records array. */
export const PLAIN_EVENT_OVERHEAD = '{"Records":}'.length;
