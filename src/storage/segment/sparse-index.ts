// The sparse offset/time index of one segment: one entry every `intervalBytes` of log, each
// mapping a relative offset to its file position and timestamp. Reads binary-search it and scan
// forward; offsetForTimestamp searches it by time (timestamps are non-decreasing).

export const INDEX_ENTRY_BYTES = 16;
const TWO_32 = 0x1_0000_0000;

/** The index entry found by a lookup: scanning from `position` reaches the wanted entry. */
export interface IndexPoint {
  readonly relativeOffset: number;
  readonly position: number;
}

export class SparseIndex {
  private rel: Uint32Array;
  private pos: Uint32Array;
  private ts: Float64Array;
  private count = 0;
  private bytesSinceLast = 0;

  constructor(private readonly intervalBytes: number, capacity = 16) {
    this.rel = new Uint32Array(capacity);
    this.pos = new Uint32Array(capacity);
    this.ts = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  /**
   * Records that an entry of `size` bytes was appended; adds an index entry for it when it is the
   * first entry or when at least `intervalBytes` were appended since the last index entry.
   */
  observe(relativeOffset: number, position: number, timestamp: number, size: number): void {
    if (this.count === 0 || this.bytesSinceLast >= this.intervalBytes) {
      this.add(relativeOffset, position, timestamp);
      this.bytesSinceLast = 0;
    }
    this.bytesSinceLast += size;
  }

  /** Appends an entry; relative offsets and timestamps must not decrease. */
  add(relativeOffset: number, position: number, timestamp: number): void {
    if (this.count === this.rel.length) this.grow();
    this.rel[this.count] = relativeOffset;
    this.pos[this.count] = position;
    this.ts[this.count] = timestamp;
    this.count++;
  }

  /** The last entry whose relative offset is <= `relativeOffset`, or undefined when none is. */
  floorOffset(relativeOffset: number): IndexPoint | undefined {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rel[mid]! <= relativeOffset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? undefined : this.point(found);
  }

  /** The last entry whose timestamp is < `timestamp`, or undefined when none is. */
  lastBefore(timestamp: number): IndexPoint | undefined {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ts[mid]! < timestamp) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? undefined : this.point(found);
  }

  /** Serialises the entries: u32 relative offset, u32 position, u64 timestamp, little-endian. */
  toBuffer(): Buffer {
    const buf = Buffer.allocUnsafe(this.count * INDEX_ENTRY_BYTES);
    for (let i = 0; i < this.count; i++) {
      const p = i * INDEX_ENTRY_BYTES;
      const t = this.ts[i]!;
      buf.writeUInt32LE(this.rel[i]!, p);
      buf.writeUInt32LE(this.pos[i]!, p + 4);
      buf.writeUInt32LE(t % TWO_32, p + 8);
      buf.writeUInt32LE(Math.floor(t / TWO_32), p + 12);
    }
    return buf;
  }

  /** Rebuilds an index from `toBuffer()` output. */
  static fromBuffer(buf: Buffer, intervalBytes: number): SparseIndex {
    const n = Math.floor(buf.length / INDEX_ENTRY_BYTES);
    const index = new SparseIndex(intervalBytes, Math.max(n, 1));
    for (let i = 0; i < n; i++) {
      const p = i * INDEX_ENTRY_BYTES;
      index.add(buf.readUInt32LE(p), buf.readUInt32LE(p + 4), buf.readUInt32LE(p + 8) + buf.readUInt32LE(p + 12) * TWO_32);
    }
    return index;
  }

  private point(i: number): IndexPoint {
    return { relativeOffset: this.rel[i]!, position: this.pos[i]! };
  }

  private grow(): void {
    const cap = this.rel.length * 2;
    const rel = new Uint32Array(cap);
    const pos = new Uint32Array(cap);
    const ts = new Float64Array(cap);
    rel.set(this.rel);
    pos.set(this.pos);
    ts.set(this.ts);
    this.rel = rel;
    this.pos = pos;
    this.ts = ts;
  }
}
