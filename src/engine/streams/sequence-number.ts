// Sequence numbers: 56-digit decimal strings starting with "49", shaped like AWS's, built from
// fixed-width decimal fields so that producing one is string concatenation (no bigint), and
// derived only from stored data (shard index and creation time, record offset and timestamp),
// so they are stable across restarts and decode straight to a log position.
//
// Digit layout:
//   0-1   "49"
//   2     layout version, "1"
//   3-15  shard creation time, epoch ms (13 digits)
//   16-25 shard index (10 digits)
//   26-41 record offset in the shard (16 digits)
//   42-54 record arrival timestamp, epoch ms (13 digits)
//   55    check digit: digits weighted 1,3,1,3,... from position 0 sum to a multiple of 10
// Within a shard the fields before the offset are constant, so numeric order is offset order.

import type { ShardState } from './stream-state.js';

export const SEQUENCE_NUMBER_LENGTH = 56;
const PREFIX = '491';
const OFFSET_POS = 26;
const TIMESTAMP_POS = 42;
const CHECK_POS = 55;
const MAX_SHARD_INDEX = 9_999_999_999;
const MAX_TIMESTAMP = 9_999_999_999_999;

/** What a sequence number encodes. */
export interface SequenceNumberParts {
  readonly shardIndex: number;
  /** Creation time (epoch ms) of the shard the record belongs to. */
  readonly shardCreatedAt: number;
  /** Offset of the record in its shard's RecordLog. */
  readonly offset: number;
  /** Arrival timestamp (epoch ms) of the record. */
  readonly timestamp: number;
}

/** The offset's last LOW_DIGITS digits come from tables; the rest changes once per LOW_SPAN offsets. */
const LOW_DIGITS = 4;
const LOW_SPAN = 10 ** LOW_DIGITS;
const HIGH_DIGITS = 16 - LOW_DIGITS;
let lowTexts: readonly string[] | undefined;
let lowSums: Uint8Array | undefined;

/** `'0000'`..`'9999'` and their weighted digit sums at positions 38-41, built on first use. */
function lowTables(): { texts: readonly string[]; sums: Uint8Array } {
  if (lowTexts === undefined || lowSums === undefined) {
    const texts: string[] = new Array(LOW_SPAN);
    const sums = new Uint8Array(LOW_SPAN);
    for (let low = 0; low < LOW_SPAN; low++) {
      texts[low] = pad(low, LOW_DIGITS);
      sums[low] = weightedDigitSum(texts[low]!, TIMESTAMP_POS - LOW_DIGITS);
    }
    lowTexts = texts;
    lowSums = sums;
  }
  return { texts: lowTexts, sums: lowSums };
}

/**
 * Builds the sequence numbers of one shard. Per record it only concatenates three cached parts:
 * the prefix with the offset's high digits (recomputed every 10,000 offsets), the offset's last
 * four digits (a table), and the timestamp digits with the check digit (one of ten per timestamp).
 */
export class SequenceNumberFormatter {
  private readonly prefix: string;
  private readonly prefixSum: number;
  private readonly lowTexts: readonly string[];
  private readonly lowSums: Uint8Array;
  private lastHigh = -1;
  private head = '';
  private headSum = 0;
  private lastTimestamp = -1;
  private timestampSum = 0;
  /** Timestamp digits followed by the check digit that completes a digit sum ≡ index (mod 10). */
  private tails: readonly string[] = [];

  constructor(shardIndex: number, shardCreatedAt: number) {
    if (!isFieldValue(shardIndex, MAX_SHARD_INDEX) || !isFieldValue(shardCreatedAt, MAX_TIMESTAMP)) {
      throw new RangeError(`cannot encode shard ${shardIndex} created at ${shardCreatedAt}`);
    }
    this.prefix = PREFIX + pad(shardCreatedAt, 13) + pad(shardIndex, 10);
    this.prefixSum = weightedDigitSum(this.prefix, 0);
    const tables = lowTables();
    this.lowTexts = tables.texts;
    this.lowSums = tables.sums;
  }

  /** The sequence number of the record at `offset` stored with arrival time `timestamp`. */
  format(offset: number, timestamp: number): string {
    if (timestamp !== this.lastTimestamp) {
      if (!isFieldValue(timestamp, MAX_TIMESTAMP)) throw new RangeError(`cannot encode timestamp ${timestamp}`);
      const digits = pad(timestamp, 13);
      this.lastTimestamp = timestamp;
      this.timestampSum = weightedDigitSum(digits, TIMESTAMP_POS);
      this.tails = Array.from({ length: 10 }, (_, sum) => digits + checkDigit(sum));
    }
    if (!isFieldValue(offset, Number.MAX_SAFE_INTEGER)) throw new RangeError(`cannot encode offset ${offset}`);
    const low = offset % LOW_SPAN;
    const high = (offset - low) / LOW_SPAN;
    if (high !== this.lastHigh) {
      const highDigits = pad(high, HIGH_DIGITS);
      this.lastHigh = high;
      this.head = this.prefix + highDigits;
      this.headSum = this.prefixSum + weightedDigitSum(highDigits, OFFSET_POS);
    }
    return this.head + this.lowTexts[low]! + this.tails[(this.headSum + this.lowSums[low]! + this.timestampSum) % 10]!;
  }
}

/** Formats one sequence number (for repeated use on one shard, prefer SequenceNumberFormatter). */
export function formatSequenceNumber(parts: SequenceNumberParts): string {
  return new SequenceNumberFormatter(parts.shardIndex, parts.shardCreatedAt).format(parts.offset, parts.timestamp);
}

/**
 * The shard's StartingSequenceNumber as DescribeStream/ListShards report it: offset 0 with
 * timestamp 0, a position just before the shard's first record (no record has timestamp 0), so
 * AT_ and AFTER_SEQUENCE_NUMBER both start reading at the first record.
 */
export function startingSequenceNumber(shard: Pick<ShardState, 'index' | 'createdAt'>): string {
  return formatSequenceNumber({ shardIndex: shard.index, shardCreatedAt: shard.createdAt, offset: 0, timestamp: 0 });
}

/** Whether parts decode a StartingSequenceNumber (the position before the first record). */
export function isShardStart(parts: SequenceNumberParts): boolean {
  return parts.offset === 0 && parts.timestamp === 0;
}

/**
 * Decodes a sequence number made by this module. Returns undefined for anything else: wrong
 * length or prefix, non-digits, a failed check digit, or fields out of range.
 */
export function parseSequenceNumber(value: string): SequenceNumberParts | undefined {
  if (value.length !== SEQUENCE_NUMBER_LENGTH || !value.startsWith(PREFIX) || !/^\d+$/.test(value)) return undefined;
  if (weightedDigitSum(value, 0) % 10 !== 0) return undefined;
  const offset = Number(value.slice(OFFSET_POS, TIMESTAMP_POS));
  if (!Number.isSafeInteger(offset)) return undefined;
  return {
    shardCreatedAt: Number(value.slice(3, 16)),
    shardIndex: Number(value.slice(16, OFFSET_POS)),
    offset,
    timestamp: Number(value.slice(TIMESTAMP_POS, CHECK_POS)),
  };
}

function isFieldValue(value: number, max: number): boolean {
  return Number.isSafeInteger(value) && value >= 0 && value <= max;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Sum of the digits of `digits`, placed from absolute position `start`, weighted 1 (even) / 3 (odd). */
function weightedDigitSum(digits: string, start: number): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = digits.charCodeAt(i) - 48;
    sum += (start + i) % 2 === 0 ? digit : digit * 3;
  }
  return sum;
}

/** The digit c at odd position 55 (weight 3) with sum + 3c ≡ 0 (mod 10); 7 is 3's inverse mod 10. */
function checkDigit(sum: number): string {
  return String(((10 - (sum % 10)) * 7) % 10);
}
