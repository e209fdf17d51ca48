// Tumbling windows (ESM.md §8): fixed windows aligned on epoch multiples of the window size, a
// record belongs to the window holding its arrival time, and each invocation carries the window,
// the state returned by the previous one and the final/terminated-early flags.

import { recordsJsonBytes, withRecords, type EventRecord } from './kinesis-event.js';

/** State returned by a function may not exceed this (per shard); beyond it the window ends early. */
export const MAX_WINDOW_STATE_BYTES = 1_048_576;

export interface WindowBounds {
  /** Epoch ms, inclusive. */
  readonly start: number;
  /** Epoch ms, exclusive. */
  readonly end: number;
}

export interface WindowInvocation {
  readonly window: WindowBounds;
  /** The state object, serialized (`{}` for the first invocation of a window). */
  readonly state: string;
  readonly shardId: string;
  readonly streamArn: string;
  readonly isFinalInvokeForWindow: boolean;
  readonly isWindowTerminatedEarly: boolean;
}

const WINDOW_PREFIX = Buffer.from('{"Records":');

/** The window holding `timestamp` for windows of `sizeMs`. */
export function windowOf(timestamp: number, sizeMs: number): WindowBounds {
  const start = Math.floor(timestamp / sizeMs) * sizeMs;
  return { start, end: start + sizeMs };
}

/** ISO-8601 UTC with seconds precision: `2020-12-09T07:04:00Z`. */
export function windowTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

/** The event of a windowed invocation. */
export function windowEvent(records: readonly EventRecord[], invocation: WindowInvocation): Buffer {
  return withRecords(WINDOW_PREFIX, records, Buffer.from(windowFields(invocation)));
}

/** Size of the windowed event for `count` records of `recordBytes` bytes in all. */
export function windowEventBytes(count: number, recordBytes: number, invocation: WindowInvocation): number {
  return '{"Records":'.length + recordsJsonBytes(count, recordBytes) + Buffer.byteLength(windowFields(invocation));
}

function windowFields(w: WindowInvocation): string {
  return (
    `,"window":{"start":"${windowTime(w.window.start)}","end":"${windowTime(w.window.end)}"},"state":${w.state},` +
    `"shardId":${JSON.stringify(w.shardId)},"eventSourceARN":${JSON.stringify(w.streamArn)},` +
    `"isFinalInvokeForWindow":${w.isFinalInvokeForWindow},"isWindowTerminatedEarly":${w.isWindowTerminatedEarly}}`
  );
}
