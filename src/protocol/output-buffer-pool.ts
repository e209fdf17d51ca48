// Reusable memory for large response bodies (a 10,000-record GetRecords answer is ~15 MB of
// JSON). Fresh memory costs a page fault per 4 KiB on first touch — about a microsecond per
// record read back on our VM — and its release drives the garbage collector; reusing the last
// few bodies' memory avoids both. Reuse is explicit: the caller hands a body back once nothing
// reads it any more, e.g. in the callback of `res.end(body, callback)`.

export interface OutputBufferPoolOptions {
  /** Smaller bodies are plain allocations, never pooled (default 1 MiB). */
  readonly minBytes?: number;
  /** Released memory kept for reuse, in bodies (default 4); the rest is left to the collector. */
  readonly maxFree?: number;
  /** Released memory kept for reuse, in bytes (default 64 MiB): the pool's memory bound. */
  readonly maxFreeBytes?: number;
}

/** Pooled memory is reserved in steps of this size, so bodies of similar size share it. */
const STEP_BYTES = 1024 * 1024;

export class OutputBufferPool {
  private readonly minBytes: number;
  private readonly maxFree: number;
  private readonly maxFreeBytes: number;
  private readonly free: ArrayBuffer[] = [];
  /** Bodies handed out and not yet released: release() ignores anything else, and a second release. */
  private readonly lent = new WeakSet<Buffer>();

  constructor(options: OutputBufferPoolOptions = {}) {
    this.minBytes = options.minBytes ?? STEP_BYTES;
    this.maxFree = options.maxFree ?? 4;
    this.maxFreeBytes = options.maxFreeBytes ?? 64 * STEP_BYTES;
  }

  /**
   * A Buffer of exactly `size` bytes, uninitialised. From `minBytes` up it is carved from
   * released memory when some fits (at most 1.5 × `size`), else freshly allocated.
   */
  acquire(size: number): Buffer {
    if (size < this.minBytes) return Buffer.allocUnsafe(size);
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const bytes = this.free[i]!.byteLength;
      if (bytes >= size && bytes <= size * 1.5 && (best < 0 || bytes < this.free[best]!.byteLength)) best = i;
    }
    const slab = best >= 0 ? this.free.splice(best, 1)[0]! : Buffer.allocUnsafeSlow(Math.ceil(size / STEP_BYTES) * STEP_BYTES).buffer;
    const body = Buffer.from(slab, 0, size);
    this.lent.add(body);
    return body;
  }

  /**
   * Takes back a body from acquire() for reuse. Contract: after this call nothing may read or
   * write `body` or any view of its memory (so call it only once the transport has finished with
   * it). Bodies not from this pool, small ones and repeated releases are ignored.
   */
  release(body: Buffer): void {
    if (!this.lent.delete(body)) return;
    const slab = body.buffer as ArrayBuffer;
    if (this.free.length < this.maxFree && this.freeBytes + slab.byteLength <= this.maxFreeBytes) this.free.push(slab);
  }

  /** Bytes held for reuse. */
  get freeBytes(): number {
    let total = 0;
    for (const slab of this.free) total += slab.byteLength;
    return total;
  }
}
