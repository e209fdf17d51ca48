// RecordService: the Kinesis data plane behind PutRecord(s), GetShardIterator and GetRecords.
// Streams come from the control plane's registry, records live in the RecordLog, the iterator
// key lives in the StateStore. Refusals are thrown as RecordError (mapped to AWS errors in api/).

import type { AppendRecord, RecordLog } from '../../storage/record-log.js';
import type { StateStore } from '../../storage/state-store.js';
import type { Clock } from '../clock.js';
import { RecordReader, type GetRecordsResult, type ShardIteratorRequest } from './record-reader.js';
import { RecordWriter, type PutRecordResult, type PutRecordsResult } from './record-writer.js';
import { ShardIteratorCodec } from './shard-iterator.js';
import type { StreamRef, StreamSource } from './stream-lookup.js';

export type { GetRecordsResult, ShardIteratorRequest, ShardIteratorType, ChildShardInfo } from './record-reader.js';
export type { PutRecordResult, PutRecordsResult, PutFailure } from './record-writer.js';
export type { StreamRef, StreamSource } from './stream-lookup.js';

export interface RecordServiceOptions {
  /** The StreamRegistry (only `require` and `list` are used). */
  readonly streams: StreamSource;
  readonly log: RecordLog;
  readonly clock: Clock;
  /** Holds the iterator key (collection 'settings', key 'iterator-key'). */
  readonly store: StateStore;
  /** Shard iterator lifetime; AWS's is 5 minutes. */
  readonly iteratorTtlMs?: number;
  /** Told about each failed shard append of a PutRecords (those entries answer InternalFailure). */
  readonly onAppendError?: (err: unknown, shardLogKey: string) => void;
}

export class RecordService {
  private readonly writer: RecordWriter;
  private reader: RecordReader | undefined;

  constructor(private readonly options: RecordServiceOptions) {
    this.writer = new RecordWriter(options.streams, options.log, options.clock, options.onAppendError);
  }

  /** Loads (or creates, on first start) the iterator key. Must resolve before any read call. */
  async init(): Promise<void> {
    const key = await ShardIteratorCodec.loadKey(this.options.store);
    const codec = new ShardIteratorCodec(key, this.options.iteratorTtlMs ?? 300_000);
    this.reader = new RecordReader(this.options.streams, this.options.log, this.options.clock, codec);
  }

  /** Nothing to release today (the log and store belong to the caller); kept for symmetry. */
  async close(): Promise<void> {
    this.reader = undefined;
  }

  /** Stores one record; resolves once it is durable. */
  putRecord(ref: StreamRef, record: AppendRecord, sequenceNumberForOrdering?: string): Promise<PutRecordResult> {
    return this.writer.putRecord(ref, record, sequenceNumberForOrdering);
  }

  /** Stores up to 500 records (validated upstream); per-entry outcomes in request order. */
  putRecords(ref: StreamRef, records: readonly AppendRecord[]): Promise<PutRecordsResult> {
    return this.writer.putRecords(ref, records);
  }

  /** Issues a shard iterator (stateless, encrypted, valid for iteratorTtlMs). */
  getShardIterator(ref: StreamRef, request: ShardIteratorRequest): Promise<string> {
    return this.requireReader().getShardIterator(ref, request);
  }

  /** Reads up to `limit` (<= 10000) records, at most 10 MiB of data, from an iterator. */
  getRecords(shardIterator: string, limit?: number): Promise<GetRecordsResult> {
    return this.requireReader().getRecords(shardIterator, limit);
  }

  private requireReader(): RecordReader {
    if (this.reader === undefined) throw new Error('RecordService.init() has not completed');
    return this.reader;
  }
}
