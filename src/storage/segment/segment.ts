// One segment of a shard log: `<base>.log`, a 32-byte header then CRC-framed entries. The active
// (last) segment keeps its sparse index in memory and a write handle; rolling seals it by writing
// `<base>.index` and dropping both, so a sealed segment costs only a few numbers in memory.
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { EncodedBatch } from './entry-codec.js';
import { SEGMENT_HEADER_BYTES, encodeSegmentHeader } from './segment-header.js';
import { SparseIndex } from './sparse-index.js';
import { writeIndexFile } from './index-file.js';
import type { IndexSummary } from './index-file.js';
import { indexPath, logPath } from './segment-files.js';

/** What is known about a segment's contents, from its index file or from a scan. */
export interface SegmentState {
  readonly size: number;
  readonly recordCount: number;
  readonly firstTimestamp: number | undefined;
  readonly lastTimestamp: number | undefined;
}

export class Segment {
  readonly logPath: string;
  readonly indexPath: string;
  /** Bytes written so far (header included); the next write goes here. */
  size: number;
  /** Bytes readers may see: entries whose append was acknowledged. */
  readableSize: number;
  recordCount: number;
  firstTimestamp: number | undefined;
  lastTimestamp: number | undefined;
  /** Sealed segments: what their index file said (used to load it lazily). */
  indexSummary: IndexSummary | undefined;
  /** Active segment only: the in-memory sparse index. */
  index: SparseIndex | undefined;
  private writer: FileHandle | undefined;
  private staged: Buffer[] = [];
  private stagedFrom = 0;

  constructor(dir: string, readonly baseOffset: number, state: SegmentState) {
    this.logPath = logPath(dir, baseOffset);
    this.indexPath = indexPath(dir, baseOffset);
    this.size = state.size;
    this.readableSize = state.size;
    this.recordCount = state.recordCount;
    this.firstTimestamp = state.firstTimestamp;
    this.lastTimestamp = state.lastTimestamp;
  }

  /** Creates a new empty segment file (header written and synced when `fsync`) and makes it active. */
  static async create(dir: string, baseOffset: number, previousTimestamp: number | undefined, intervalBytes: number, fsync: boolean): Promise<Segment> {
    const segment = new Segment(dir, baseOffset, { size: SEGMENT_HEADER_BYTES, recordCount: 0, firstTimestamp: undefined, lastTimestamp: undefined });
    const handle = await open(segment.logPath, 'w+');
    try {
      await handle.write(encodeSegmentHeader({ baseOffset, previousTimestamp }), 0, SEGMENT_HEADER_BYTES, 0);
      if (fsync) await handle.datasync();
    } catch (err) {
      await handle.close();
      throw err;
    }
    segment.activate(handle, new SparseIndex(intervalBytes));
    return segment;
  }

  /** Makes this segment the writable one, with its write handle and in-memory index. */
  activate(writer: FileHandle, index: SparseIndex): void {
    this.writer = writer;
    this.index = index;
    this.stagedFrom = this.size;
  }

  get endOffset(): number {
    return this.baseOffset + this.recordCount;
  }

  get active(): boolean {
    return this.writer !== undefined;
  }

  /** Queues entries [from, to) of `batch` for the next writeStaged(), indexing them. */
  stage(batch: EncodedBatch, from: number, to: number): void {
    const ends = batch.entryEnds;
    const start = from === 0 ? 0 : ends[from - 1]!;
    const index = this.index!;
    let prev = start;
    for (let i = from; i < to; i++) {
      const end = ends[i]!;
      index.observe(batch.firstOffset + i - this.baseOffset, this.size + (prev - start), batch.timestamp, end - prev);
      prev = end;
    }
    this.staged.push(from === 0 && to === ends.length ? batch.buffer : batch.buffer.subarray(start, prev));
    this.size += prev - start;
    this.recordCount += to - from;
    this.firstTimestamp ??= batch.timestamp;
    this.lastTimestamp = batch.timestamp;
  }

  /** Writes every staged buffer with one positional writev. */
  async writeStaged(): Promise<void> {
    if (this.staged.length === 0) return;
    let buffers = this.staged;
    let position = this.stagedFrom;
    this.staged = [];
    this.stagedFrom = this.size;
    while (buffers.length > 0) {
      const { bytesWritten } = await this.writer!.writev(buffers, position);
      position += bytesWritten;
      buffers = skipBytes(buffers, bytesWritten);
    }
  }

  /** fdatasync of the segment file. */
  async sync(): Promise<void> {
    await this.writer!.datasync();
  }

  /** Writes `<base>.index` describing the segment as it is now (all staged bytes written). */
  async writeIndex(fsync: boolean): Promise<void> {
    this.indexSummary = await writeIndexFile(this.indexPath, this.index!, {
      baseOffset: this.baseOffset,
      recordCount: this.recordCount,
      segmentBytes: this.size,
      firstTimestamp: this.firstTimestamp ?? 0,
      lastTimestamp: this.lastTimestamp ?? 0,
    }, fsync);
  }

  /** Writes `<base>.index`, closes the write handle and drops the in-memory index. */
  async seal(fsync: boolean): Promise<SparseIndex> {
    const index = this.index!;
    await this.writeIndex(fsync);
    await this.closeWriter();
    this.index = undefined;
    return index;
  }

  async closeWriter(): Promise<void> {
    const writer = this.writer;
    this.writer = undefined;
    await writer?.close();
  }
}

function skipBytes(buffers: Buffer[], n: number): Buffer[] {
  let i = 0;
  while (i < buffers.length && n >= buffers[i]!.length) n -= buffers[i++]!.length;
  if (i === buffers.length) return [];
  const rest = buffers.slice(i);
  rest[0] = rest[0]!.subarray(n);
  return rest;
}
