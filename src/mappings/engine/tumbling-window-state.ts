// The open tumbling window of a lane: its bounds, the state threaded from invocation to
// invocation, and the first offset it covers — the lane's checkpoint stays before that offset
// until the window's final invocation succeeded, so after a crash the window is replayed whole
// with fresh state instead of continuing with lost state.

import type { EventRecord } from './kinesis-event.js';
import { MAX_WINDOW_STATE_BYTES, windowEvent, windowEventBytes, windowOf, type WindowBounds, type WindowInvocation } from './tumbling-window.js';

export class TumblingWindow {
  readonly bounds: WindowBounds;
  /** Offset of the window's first record: nothing from it on is checkpointed while the window is open. */
  readonly holdOffset: number;
  /** The state object, serialized. */
  state = '{}';
  /** Arrival time of the newest record taken into the window (epoch ms). */
  lastTimestamp: number;
  /** The function returned more than 1 MB of state: the window ends early. */
  terminateEarly = false;

  constructor(
    first: EventRecord,
    sizeMs: number,
    private readonly shardId: string,
    private readonly streamArn: string,
  ) {
    this.bounds = windowOf(first.timestamp, sizeMs);
    this.holdOffset = first.offset;
    this.lastTimestamp = first.timestamp;
  }

  /** Whether a record that arrived at `timestamp` belongs to this window. */
  holds(timestamp: number): boolean {
    return timestamp >= this.bounds.start && timestamp < this.bounds.end;
  }

  /** Notes records taken into the window. */
  include(records: readonly EventRecord[]): void {
    const last = records[records.length - 1];
    if (last !== undefined && last.timestamp > this.lastTimestamp) this.lastTimestamp = last.timestamp;
  }

  /** Takes the state a successful (or partly successful) invocation returned. */
  accept(state: string): void {
    this.state = state;
    if (Buffer.byteLength(state) > MAX_WINDOW_STATE_BYTES) this.terminateEarly = true;
  }

  /** The event for `records` (the final invocation has none). */
  event(records: readonly EventRecord[], final: boolean, terminatedEarly = false): Buffer {
    return windowEvent(records, this.invocation(final, terminatedEarly));
  }

  /** Size of a non-final event holding `count` records of `recordBytes` bytes. */
  eventBytes(count: number, recordBytes: number): number {
    return windowEventBytes(count, recordBytes, this.invocation(false, false));
  }

  private invocation(final: boolean, terminatedEarly: boolean): WindowInvocation {
    return {
      window: this.bounds,
      state: this.state,
      shardId: this.shardId,
      streamArn: this.streamArn,
      isFinalInvokeForWindow: final,
      isWindowTerminatedEarly: terminatedEarly,
    };
  }
}
