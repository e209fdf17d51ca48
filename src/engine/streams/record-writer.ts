// RecordWriter: the put path. Checks sizes and hash keys, routes each record to its open shard,
// appends one batch per shard (all shards in parallel, one durable append each) and turns the
// assigned offsets into sequence numbers. This is the hot path: no per-record closures, typed
// arrays for bookkeeping, one MD5 per record, sequence numbers by string concatenation.

import type { AppendRecord, AppendResult, RecordLog } from '../../storage/record-log.js';
import type { Clock } from '../clock.js';
import type { StreamState } from './stream-state.js';
import { appendNotifierFor } from './append-notifier.js';
import { RecordError } from './record-errors.js';
import { decimalToHashHex, isValidExplicitHashKey, partitionKeyHash } from './hash-key.js';
import { routerFor } from './shard-router.js';
import { parseSequenceNumber, SequenceNumberFormatter } from './sequence-number.js';
import { findReadyStream, streamNameOf, type StreamRef, type StreamSource } from './stream-lookup.js';

/** Why one PutRecords entry was not stored ('internal': its shard's append failed). */
export type PutFailure = 'internal';

export interface PutRecordResult {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly encrypted: boolean;
}

/** Outcome of PutRecords; the arrays are in request order, one slot per entry. */
export interface PutRecordsResult {
  /** The assigned sequence number, or undefined when the entry failed. */
  readonly sequenceNumbers: readonly (string | undefined)[];
  /** The shard each entry was routed to (set for failed entries too). */
  readonly shardIds: readonly string[];
  /** Why each failed entry failed; empty when failedRecordCount is 0. */
  readonly failures: readonly (PutFailure | undefined)[];
  readonly failedRecordCount: number;
  readonly encrypted: boolean;
}

const MIB = 1024 * 1024;
const DEFAULT_REQUEST_LIMIT_MIB = 5;
const MAX_REPORTED_OVERSIZE = 10;

export class RecordWriter {
  constructor(
    private readonly streams: StreamSource,
    private readonly log: RecordLog,
    private readonly clock: Clock,
    /** Told about every append that failed (its entries are reported as 'internal' failures). */
    private readonly onAppendError: (err: unknown, shardLogKey: string) => void = () => {},
  ) {}

  /** Stores one record. Throws RecordError for AWS-visible refusals; log failures propagate. */
  async putRecord(ref: StreamRef, record: AppendRecord, sequenceNumberForOrdering?: string): Promise<PutRecordResult> {
    const stream = this.requireWritable(ref);
    const limit = stream.maxRecordSizeKiB * 1024;
    if (record.data.length + Buffer.byteLength(record.partitionKey, 'utf8') > limit) {
      throw new RecordError({ kind: 'records-too-large', indexes: [0], limitBytes: limit, batch: false });
    }
    const hash = hashOf(record);
    if (sequenceNumberForOrdering !== undefined) {
      const parts = parseSequenceNumber(sequenceNumberForOrdering);
      if (parts === undefined || parts.timestamp > this.clock.now()) {
        throw new RecordError({ kind: 'invalid-sequence-number-for-ordering', value: sequenceNumberForOrdering, streamName: stream.name });
      }
    }
    const router = routerFor(stream);
    const position = router.route(hash);
    if (position < 0) throw new Error(`no open shard of stream ${stream.name} covers hash key ${hash}`);
    const shard = router.shards[position]!;
    const appended = await this.log.append(shard.logKey, [record], this.clock.now());
    appendNotifierFor(this.log).notify(shard.logKey);
    const sequenceNumber = new SequenceNumberFormatter(shard.index, shard.createdAt).format(appended.firstOffset, appended.timestamp);
    return { shardId: shard.shardId, sequenceNumber, encrypted: stream.encryptionType === 'KMS' };
  }

  /**
   * Stores a batch: refuses the whole request (RecordError) for an oversized request or record
   * or an invalid ExplicitHashKey; otherwise every entry is either stored or reported failed.
   */
  async putRecords(ref: StreamRef, records: readonly AppendRecord[]): Promise<PutRecordsResult> {
    const stream = this.requireWritable(ref);
    checkSizes(stream, records);
    const count = records.length;
    const router = routerFor(stream);
    const shards = router.shards;
    const shardCount = shards.length;
    const positionOf = new Int32Array(count);
    const groupSizes = new Int32Array(shardCount);
    for (let i = 0; i < count; i++) {
      const hash = hashOf(records[i]!);
      const position = router.route(hash);
      if (position < 0) throw new Error(`no open shard of stream ${stream.name} covers hash key ${hash}`);
      positionOf[i] = position;
      groupSizes[position]!++;
    }

    const groups: AppendRecord[][] = new Array(shardCount);
    const fill = new Int32Array(shardCount);
    const indexInGroup = new Int32Array(count);
    for (let p = 0; p < shardCount; p++) if (groupSizes[p]! > 0) groups[p] = new Array<AppendRecord>(groupSizes[p]!);
    for (let i = 0; i < count; i++) {
      const p = positionOf[i]!;
      const at = fill[p]!++;
      groups[p]![at] = records[i]!;
      indexInGroup[i] = at;
    }

    const now = this.clock.now();
    const pending: Promise<AppendResult | undefined>[] = new Array(shardCount);
    for (let p = 0; p < shardCount; p++) {
      pending[p] = groups[p] === undefined ? Promise.resolve(undefined) : this.appendOrReport(shards[p]!.logKey, groups[p]!, now);
    }
    const appended = await Promise.all(pending);

    const formatters: (SequenceNumberFormatter | undefined)[] = new Array(shardCount);
    const sequenceNumbers: (string | undefined)[] = new Array(count);
    const shardIds: string[] = new Array(count);
    let failures: (PutFailure | undefined)[] = [];
    let failedRecordCount = 0;
    for (let i = 0; i < count; i++) {
      const p = positionOf[i]!;
      const shard = shards[p]!;
      shardIds[i] = shard.shardId;
      const result = appended[p];
      if (result === undefined) {
        if (failedRecordCount++ === 0) failures = new Array(count);
        failures[i] = 'internal';
        continue;
      }
      const formatter = (formatters[p] ??= new SequenceNumberFormatter(shard.index, shard.createdAt));
      sequenceNumbers[i] = formatter.format(result.firstOffset + indexInGroup[i]!, result.timestamp);
    }
    return { sequenceNumbers, shardIds, failures, failedRecordCount, encrypted: stream.encryptionType === 'KMS' };
  }

  private appendOrReport(logKey: string, records: readonly AppendRecord[], now: number): Promise<AppendResult | undefined> {
    const notified = (result: AppendResult): AppendResult => {
      appendNotifierFor(this.log).notify(logKey);
      return result;
    };
    return this.log.append(logKey, records, now).then(notified, (err: unknown) => {
      this.onAppendError(err, logKey);
      return undefined;
    });
  }

  private requireWritable(ref: StreamRef): StreamState {
    const stream = findReadyStream(this.streams, ref);
    if (stream === undefined) throw new RecordError({ kind: 'stream-not-found', streamName: streamNameOf(ref) });
    return stream;
  }
}

/** The hash key (32 hex chars) a record routes by; validates an ExplicitHashKey. */
function hashOf(record: AppendRecord): string {
  const explicit = record.explicitHashKey;
  if (explicit === undefined) return partitionKeyHash(record.partitionKey);
  if (!isValidExplicitHashKey(explicit)) throw new RecordError({ kind: 'invalid-explicit-hash-key', value: explicit });
  return decimalToHashHex(explicit);
}

/**
 * AWS's request size rule (data + partition key bytes of all entries <= 5 MiB, or the stream's
 * record size limit when that is larger), then the per-record limit (up to 10 reported).
 */
function checkSizes(stream: StreamState, records: readonly AppendRecord[]): void {
  const recordLimit = stream.maxRecordSizeKiB * 1024;
  const requestLimitMiB = Math.max(DEFAULT_REQUEST_LIMIT_MIB, Math.ceil(recordLimit / MIB));
  // A partition key takes at most 3 UTF-8 bytes per UTF-16 unit: sum that upper bound and
  // measure exactly only when the bound crosses a limit.
  let upperBound = 0;
  let oversized: number[] | undefined;
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const size = record.data.length + record.partitionKey.length * 3;
    upperBound += size;
    if (size > recordLimit && record.data.length + Buffer.byteLength(record.partitionKey, 'utf8') > recordLimit) {
      (oversized ??= []).push(i);
    }
  }
  if (upperBound > requestLimitMiB * MIB) {
    let exact = 0;
    for (const record of records) exact += record.data.length + Buffer.byteLength(record.partitionKey, 'utf8');
    if (exact > requestLimitMiB * MIB) throw new RecordError({ kind: 'request-too-large', limitMiB: requestLimitMiB });
  }
  if (oversized !== undefined) {
    throw new RecordError({ kind: 'records-too-large', indexes: oversized.slice(0, MAX_REPORTED_OVERSIZE), limitBytes: recordLimit, batch: true });
  }
}
