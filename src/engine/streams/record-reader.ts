// RecordReader: the read path. Issues shard iterators for the five iterator types and serves
// GetRecords from them: bounded batches in offset order, retention-expired records skipped,
// the end of a closed shard reported with its children.

import type { RecordLog, StoredRecord } from '../../storage/record-log.js';
import { ShardNotFoundError } from '../../storage/record-log.js';
import type { Clock } from '../clock.js';
import type { ShardState, StreamState } from './stream-state.js';
import { RecordError } from './record-errors.js';
import { isShardStart, parseSequenceNumber, SequenceNumberFormatter } from './sequence-number.js';
import type { ShardIteratorCodec } from './shard-iterator.js';
import { shardIdFor } from './shard-layout.js';
import { findReadyStream, shardByIndex, shardIndexOf, streamNameOf, type StreamRef, type StreamSource } from './stream-lookup.js';

export type ShardIteratorType = 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER' | 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP';

export interface ShardIteratorRequest {
  /** The ShardId as given (`shardId-000000000001`, or any form AWS accepts such as `1`). */
  readonly shardId: string;
  readonly type: ShardIteratorType;
  readonly startingSequenceNumber?: string;
  /** AT_TIMESTAMP position, epoch ms. */
  readonly timestamp?: number;
}

export interface ChildShardInfo {
  readonly shardId: string;
  readonly parentShards: readonly string[];
  readonly hashKeyStart: string;
  readonly hashKeyEnd: string;
}

export interface GetRecordsResult {
  readonly records: readonly StoredRecord[];
  /** Sequence number of each record, same order. */
  readonly sequenceNumbers: readonly string[];
  /** Undefined only when the shard is closed and has been read to its end. */
  readonly nextShardIterator: string | undefined;
  readonly millisBehindLatest: number;
  /** Present only at the end of a closed shard. */
  readonly childShards: readonly ChildShardInfo[] | undefined;
  readonly encrypted: boolean;
  /** Where the records came from (for metrics). */
  readonly streamName: string;
  readonly shardId: string;
  /** Hands the records' memory back to the log (see ReadResult.release): once, when nothing reads them any more. */
  readonly release: () => void;
}

export const MAX_GET_RECORDS_LIMIT = 10_000;
export const MAX_GET_RECORDS_BYTES = 10 * 1024 * 1024;
const HOUR_MS = 3_600_000;

export class RecordReader {
  constructor(
    private readonly streams: StreamSource,
    private readonly log: RecordLog,
    private readonly clock: Clock,
    private readonly iterators: ShardIteratorCodec,
  ) {}

  /** Issues an iterator. Throws RecordError for every AWS-visible refusal. */
  async getShardIterator(ref: StreamRef, request: ShardIteratorRequest): Promise<string> {
    const streamName = streamNameOf(ref);
    const index = shardIndexOf(request.shardId);
    if (index === undefined) throw new RecordError({ kind: 'shard-unresolvable', rawShardId: request.shardId, streamName });
    const shardId = shardIdFor(index);
    const stream = findReadyStream(this.streams, ref);
    const shard = stream === undefined ? undefined : shardByIndex(stream, index);
    if (stream === undefined || shard === undefined) throw new RecordError({ kind: 'shard-not-found', shardId, streamName });

    const seq = request.startingSequenceNumber;
    const bySequence = request.type === 'AT_SEQUENCE_NUMBER' || request.type === 'AFTER_SEQUENCE_NUMBER';
    if (seq !== undefined && (request.type === 'TRIM_HORIZON' || request.type === 'LATEST')) {
      throw new RecordError({ kind: 'iterator-type-mismatch', iteratorType: request.type, hasSequenceNumber: true });
    }
    if (seq === undefined && bySequence) {
      throw new RecordError({ kind: 'iterator-type-mismatch', iteratorType: request.type, hasSequenceNumber: false });
    }
    const now = this.clock.now();
    let offset: number;
    try {
      offset = await this.startOffset(stream, shard, request, now);
    } catch (err) {
      if (err instanceof ShardNotFoundError) throw new RecordError({ kind: 'shard-not-found', shardId, streamName });
      throw err;
    }
    return this.iterators.encode({ streamName: stream.name, streamId: stream.id, shardIndex: shard.index, offset, createdAt: now });
  }

  /** Reads from an iterator. Throws RecordError for invalid/expired iterators and vanished shards. */
  async getRecords(shardIterator: string, limit = MAX_GET_RECORDS_LIMIT): Promise<GetRecordsResult> {
    const now = this.clock.now();
    const position = this.iterators.decode(shardIterator, now);
    const stream = findReadyStream(this.streams, { streamName: position.streamName });
    const shard = stream === undefined || stream.id !== position.streamId ? undefined : shardByIndex(stream, position.shardIndex);
    if (stream === undefined || shard === undefined) {
      throw new RecordError({ kind: 'shard-not-found', shardId: shardIdFor(position.shardIndex), streamName: position.streamName });
    }
    const cutoff = now - stream.retentionHours * HOUR_MS;
    const options = { maxRecords: Math.min(limit, MAX_GET_RECORDS_LIMIT), maxBytes: MAX_GET_RECORDS_BYTES };
    try {
      let read = await this.log.read(shard.logKey, position.offset, options);
      let records = read.records;
      let fresh = firstUnexpired(records, cutoff);
      if (fresh === records.length && fresh > 0) {
        // The whole batch had expired: jump to the first record inside retention and read again.
        read.release?.();
        const from = Math.max(read.nextOffset, await this.log.offsetForTimestamp(shard.logKey, cutoff));
        read = await this.log.read(shard.logKey, from, options);
        records = read.records;
        fresh = firstUnexpired(records, cutoff);
      }
      if (fresh > 0) records = records.slice(fresh);

      const formatter = new SequenceNumberFormatter(shard.index, shard.createdAt);
      const sequenceNumbers: string[] = new Array(records.length);
      for (let i = 0; i < records.length; i++) sequenceNumbers[i] = formatter.format(records[i]!.offset, records[i]!.timestamp);

      const bounds = this.log.bounds(shard.logKey);
      const caughtUp = read.nextOffset >= bounds.endOffset;
      const finished = caughtUp && shard.endingSequenceNumber !== undefined;
      const last = records[records.length - 1];
      return {
        records,
        sequenceNumbers,
        nextShardIterator: finished
          ? undefined
          : this.iterators.encode({ ...position, offset: Math.max(read.nextOffset, position.offset), createdAt: now }),
        millisBehindLatest: caughtUp || last === undefined ? 0 : Math.max(0, now - last.timestamp),
        childShards: finished ? childrenOf(stream, shard) : undefined,
        encrypted: stream.encryptionType === 'KMS',
        streamName: stream.name,
        shardId: shard.shardId,
        release: read.release ?? noRelease,
      };
    } catch (err) {
      if (err instanceof ShardNotFoundError) {
        throw new RecordError({ kind: 'shard-not-found', shardId: shard.shardId, streamName: stream.name });
      }
      throw err;
    }
  }

  private async startOffset(stream: StreamState, shard: ShardState, request: ShardIteratorRequest, now: number): Promise<number> {
    const cutoff = now - stream.retentionHours * HOUR_MS;
    switch (request.type) {
      case 'LATEST':
        return this.log.bounds(shard.logKey).endOffset;
      case 'TRIM_HORIZON':
        return Math.max(this.log.bounds(shard.logKey).startOffset, await this.log.offsetForTimestamp(shard.logKey, cutoff));
      case 'AT_TIMESTAMP': {
        if (request.timestamp === undefined) throw new RecordError({ kind: 'missing-timestamp' });
        if (request.timestamp > now) throw new RecordError({ kind: 'future-timestamp', timestamp: request.timestamp, now });
        return this.log.offsetForTimestamp(shard.logKey, Math.max(request.timestamp, cutoff));
      }
      case 'AT_SEQUENCE_NUMBER':
      case 'AFTER_SEQUENCE_NUMBER':
        return this.sequenceOffset(stream, shard, request.startingSequenceNumber!, request.type === 'AFTER_SEQUENCE_NUMBER');
    }
  }

  private sequenceOffset(stream: StreamState, shard: ShardState, value: string, after: boolean): number {
    const parts = parseSequenceNumber(value);
    const context = { value, shardId: shard.shardId, streamName: stream.name };
    if (parts === undefined) throw new RecordError({ kind: 'invalid-starting-sequence-number', ...context });
    if (parts.shardIndex !== shard.index) {
      throw new RecordError({ kind: 'sequence-number-other-shard', encodedShardId: shardIdFor(parts.shardIndex), shardId: shard.shardId });
    }
    if (parts.shardCreatedAt !== shard.createdAt) throw new RecordError({ kind: 'sequence-number-other-stream', ...context });
    if (isShardStart(parts)) return 0;
    if (parts.offset >= this.log.bounds(shard.logKey).endOffset) {
      throw new RecordError({ kind: 'invalid-starting-sequence-number', ...context });
    }
    return after ? parts.offset + 1 : parts.offset;
  }
}

function noRelease(): void {}

/** Index of the first record at or after the retention cutoff (records are in time order). */
function firstUnexpired(records: readonly StoredRecord[], cutoff: number): number {
  let i = 0;
  while (i < records.length && records[i]!.timestamp < cutoff) i++;
  return i;
}

function childrenOf(stream: StreamState, shard: ShardState): ChildShardInfo[] {
  return stream.shards
    .filter((s) => s.parentShardId === shard.shardId || s.adjacentParentShardId === shard.shardId)
    .map((s) => ({
      shardId: s.shardId,
      parentShards: s.adjacentParentShardId === undefined ? [s.parentShardId!] : [s.parentShardId!, s.adjacentParentShardId],
      hashKeyStart: s.hashKeyStart,
      hashKeyEnd: s.hashKeyEnd,
    }));
}
