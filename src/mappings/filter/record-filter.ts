// Applies a mapping's FilterCriteria to Kinesis records with the JSON-ness rules of ESM.md §9:
// the document is {data: <record data parsed as JSON>, partitionKey, sequenceNumber,
// approximateArrivalTimestamp, kinesisSchemaVersion}; a pattern with a `data` part never matches a
// record whose data is not UTF-8 JSON; a record is kept when any pattern matches.

import { compileFilterPattern, type FilterPattern } from './filter-pattern.js';
import { JsonNumber } from './json-number.js';
import { parseJsonKeepingNumbers } from './parse-json-keeping-numbers.js';

export interface RecordMeta {
  readonly partitionKey: string;
  /** Decimal string. */
  readonly sequenceNumber: string;
  /** Epoch milliseconds; the document carries it as epoch seconds, like the invocation event. */
  readonly approximateArrivalTimestamp: number;
}

/** Decides whether a record is delivered (true) or filtered out (false). */
export type RecordFilter = (data: Buffer, meta: RecordMeta) => boolean;

const NOT_JSON = Symbol('not JSON');
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The record data parsed as JSON (numbers keep their text), or NOT_JSON when it is not UTF-8 JSON. */
function parseData(data: Buffer): unknown {
  try {
    return parseJsonKeepingNumbers(utf8.decode(data));
  } catch {
    return NOT_JSON;
  }
}

/**
 * Compiles `patterns` once (throws FilterPatternError for an invalid one). With no patterns every
 * record is kept. Record data is parsed at most once per record, and only when a pattern needs it.
 */
export function recordFilter(patterns: readonly string[]): RecordFilter {
  if (patterns.length === 0) return () => true;
  const compiled: readonly FilterPattern[] = patterns.map(compileFilterPattern);
  const needsData = compiled.some((pattern) => pattern.referencesData);
  return (data, meta) => {
    const parsed = needsData ? parseData(data) : NOT_JSON;
    const doc: Record<string, unknown> = {
      partitionKey: meta.partitionKey,
      sequenceNumber: meta.sequenceNumber,
      approximateArrivalTimestamp: new JsonNumber(JSON.stringify(meta.approximateArrivalTimestamp / 1000)),
      kinesisSchemaVersion: '1.0',
    };
    if (parsed !== NOT_JSON) doc['data'] = parsed;
    return compiled.some((pattern) => !(pattern.referencesData && parsed === NOT_JSON) && pattern.matches(doc));
  };
}
