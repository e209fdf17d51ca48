// Reusable memory for the positional reads of large scans (a GetRecords page of ~10 MB is three
// 4 MiB reads). Fresh memory costs a page fault per 4 KiB on first touch, about a microsecond per
// record read back on our VM; chunks handed back by a reader that is done with its records are
// reused instead. Reuse is explicit and optional: chunks never released are left to the collector.

/** Pooled chunks are slabs of this size (the scanner's largest read); smaller reads view one. */
export const READ_CHUNK_BYTES = 4 * 1024 * 1024;
/** Reads below this size are plain allocations (cheap to fault in, and not worth a 4 MiB slab). */
const MIN_POOLED_BYTES = 1024 * 1024;

export class ReadChunkPool {
  private readonly free: ArrayBuffer[] = [];
  /** Chunks handed out and not yet released: release() ignores anything else, and a second release. */
  private readonly lent = new WeakSet<Buffer>();

  /** @param maxFreeBytes released memory kept for reuse (the pool's memory bound); 0 disables pooling. */
  constructor(private readonly maxFreeBytes = 32 * 1024 * 1024) {}

  /** A Buffer of exactly `size` bytes, uninitialised; from 1 MiB to 4 MiB carved from a reused slab. */
  acquire(size: number): Buffer {
    if (size < MIN_POOLED_BYTES || size > READ_CHUNK_BYTES || this.maxFreeBytes === 0) return Buffer.allocUnsafe(size);
    const slab = this.free.pop() ?? Buffer.allocUnsafeSlow(READ_CHUNK_BYTES).buffer;
    const chunk = Buffer.from(slab, 0, size);
    this.lent.add(chunk);
    return chunk;
  }

  /**
   * Takes back chunks from acquire(). Contract: afterwards nothing may read them or any view of
   * them (records' data included). Chunks not from this pool and repeated releases are ignored.
   */
  release(chunks: readonly Buffer[]): void {
    for (const chunk of chunks) {
      if (!this.lent.delete(chunk)) continue;
      if ((this.free.length + 1) * READ_CHUNK_BYTES <= this.maxFreeBytes) this.free.push(chunk.buffer as ArrayBuffer);
    }
  }

  /** Bytes held for reuse. */
  get freeBytes(): number {
    return this.free.length * READ_CHUNK_BYTES;
  }
}
