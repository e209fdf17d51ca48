// The `RecordDeAggregation` processor (FIREHOSE.md §4 step 2, §6): splits one source record into
// sub-records before transformation and partitioning. JSON: consecutive JSON objects, optionally
// separated by whitespace or newlines (`{"a":1}{"a":2}`, JSONL); a top-level array or anything else
// is invalid. DELIMITED: split on the base64-decoded delimiter; a delimiter at the very end
// terminates the last sub-record instead of starting an empty one. At most 500 sub-records per
// record (AWS's cap); a record that cannot be split within that goes to the error output whole.

import type { DeAggregationSettings } from '../delivery-stream-definition.js';
import type { SourceRecord } from './delivery-source.js';

export const MAX_SUB_RECORDS = 500;

export type DeAggregated =
  | { readonly ok: true; readonly records: readonly SourceRecord[] }
  | { readonly ok: false; readonly message: string };

export class RecordDeAggregator {
  private readonly delimiter: Buffer | undefined;

  constructor(private readonly settings: DeAggregationSettings) {
    if (settings.subRecordType === 'DELIMITED') {
      const delimiter = Buffer.from(settings.delimiterBase64 ?? '', 'base64');
      if (delimiter.length === 0) throw new Error('RecordDeAggregation DELIMITED needs a non-empty base64 Delimiter');
      this.delimiter = delimiter;
    }
  }

  /**
   * The sub-records of `record`, in order. Each keeps the record's arrival time and gets the id
   * `<recordId>.<n>` (n from 0, stable across redeliveries) and, for a Kinesis record, subsequence n.
   */
  split(record: SourceRecord): DeAggregated {
    const parts = this.delimiter === undefined ? jsonObjects(record.data) : delimited(record.data, this.delimiter);
    if (typeof parts === 'string') return { ok: false, message: parts };
    if (parts.length > MAX_SUB_RECORDS) return { ok: false, message: `The record holds more than ${MAX_SUB_RECORDS} sub-records` };
    return {
      ok: true,
      records: parts.map((data, n) => ({
        recordId: `${record.recordId}.${n}`,
        data,
        approximateArrivalTimestamp: record.approximateArrivalTimestamp,
        ...(record.kinesis !== undefined ? { kinesis: { ...record.kinesis, subsequenceNumber: n } } : {}),
      })),
    };
  }
}

function delimited(data: Buffer, delimiter: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (;;) {
    const at = data.indexOf(delimiter, start);
    if (at < 0) break;
    parts.push(data.subarray(start, at));
    start = at + delimiter.length;
    if (parts.length > MAX_SUB_RECORDS) return parts;
  }
  if (start < data.length || parts.length === 0) parts.push(data.subarray(start));
  return parts;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** The byte ranges of consecutive top-level JSON objects, or an error message. */
function jsonObjects(data: Buffer): Buffer[] | string {
  const parts: Buffer[] = [];
  let i = 0;
  while (i < data.length) {
    if (isSpace(data[i]!)) { i++; continue; }
    if (data[i] !== 0x7b) return `Expected a JSON object at byte ${i}`;
    const start = i;
    let depth = 0;
    let inString = false;
    for (; i < data.length; i++) {
      const c = data[i]!;
      if (inString) {
        if (c === 0x5c) i++;
        else if (c === 0x22) inString = false;
      } else if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth === 0) { i++; break; }
      }
    }
    if (depth !== 0) return `Unterminated JSON object at byte ${start}`;
    const part = data.subarray(start, i);
    try {
      JSON.parse(part.toString('utf8'));
    } catch (err) {
      return `Invalid JSON object at byte ${start}: ${(err as Error).message}`;
    }
    parts.push(part);
    if (parts.length > MAX_SUB_RECORDS) return parts;
  }
  if (parts.length === 0) return 'The record holds no JSON object';
  return parts;
}
