// One time series in a fixed ring of slots (Float32, allocated on first write): counters sum per
// slot, gauges keep the last value (carried into skipped slots), timers keep sum and count per slot.

import type { MetricKind } from './metric-catalogue.js';

export class SeriesRing {
  private values: Float32Array;
  private counts: Float32Array | undefined;
  /** Absolute index (time / resolution) of the newest slot written; -1 before the first write. */
  private newest = -1;
  private last = 0;

  constructor(
    readonly kind: MetricKind,
    /** Slot width in ms. */
    readonly resolutionMs: number,
    /** Number of slots kept. */
    readonly slots: number,
  ) {
    this.values = new Float32Array(slots);
    if (kind === 'timer') this.counts = new Float32Array(slots);
  }

  /** Bytes this ring holds. */
  get bytes(): number {
    return this.values.byteLength + (this.counts?.byteLength ?? 0);
  }

  /** Adds `n` (counter), sets `n` (gauge) or records one observation `n` (timer) at `nowMs`. */
  write(nowMs: number, n: number): void {
    const slot = Math.floor(nowMs / this.resolutionMs);
    if (slot !== this.newest) {
      if (slot < this.newest) return; // the clock went back: drop rather than corrupt
      this.advance(slot);
    }
    const i = slot % this.slots;
    if (this.kind === 'gauge') {
      this.values[i] = n;
      this.last = n;
    } else {
      this.values[i]! += n;
      if (this.counts !== undefined) this.counts[i]! += 1;
    }
  }

  /** Points from `sinceMs` (or the oldest slot kept) up to the slot holding `nowMs`, oldest first. */
  read(nowMs: number, sinceMs: number | undefined): { t: number[]; v: number[] } {
    const t: number[] = [];
    const v: number[] = [];
    if (this.newest < 0) return { t, v };
    const current = Math.floor(nowMs / this.resolutionMs);
    let from = current - this.slots + 1;
    if (sinceMs !== undefined) from = Math.max(from, Math.floor(sinceMs / this.resolutionMs));
    for (let slot = from; slot <= current; slot++) {
      t.push(slot * this.resolutionMs);
      v.push(this.valueAt(slot));
    }
    return { t, v };
  }

  private valueAt(slot: number): number {
    // Slots older than the ring, or never written since the first write, read as empty.
    if (slot > this.newest) return this.kind === 'gauge' ? this.last : 0;
    if (slot <= this.newest - this.slots) return 0;
    const i = slot % this.slots;
    if (this.counts !== undefined) {
      const c = this.counts[i]!;
      return c === 0 ? 0 : this.values[i]! / c;
    }
    return this.values[i]!;
  }

  private advance(slot: number): void {
    const fill = this.kind === 'gauge' && this.newest >= 0 ? this.last : 0;
    const start = this.newest < 0 || slot - this.newest > this.slots ? slot - this.slots + 1 : this.newest + 1;
    for (let s = Math.max(start, slot - this.slots + 1); s <= slot; s++) {
      const i = s % this.slots;
      this.values[i] = fill;
      if (this.counts !== undefined) this.counts[i] = 0;
    }
    this.newest = slot;
  }
}
