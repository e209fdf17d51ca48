// A bounded cache of read-only file handles for positional reads of segment files. Leases are
// reference-counted so eviction or deletion never closes a handle under an in-flight read.
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/** A handle lent by the cache; call release() exactly once when the read is done. */
export interface HandleLease {
  readonly handle: FileHandle;
  release(): void;
}

interface Entry {
  readonly handle: Promise<FileHandle>;
  refs: number;
  evicted: boolean;
}

export class HandleCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxOpen: number) {}

  /** Number of handles currently cached (open or opening). */
  get size(): number {
    return this.entries.size;
  }

  /** Opens (or reuses) a read handle for `path`. Rejects when the file cannot be opened. */
  async acquire(path: string): Promise<HandleLease> {
    let entry = this.entries.get(path);
    if (entry === undefined) {
      entry = { handle: open(path, 'r'), refs: 0, evicted: false };
    } else {
      this.entries.delete(path);
    }
    this.entries.set(path, entry);
    entry.refs++;
    let handle: FileHandle;
    try {
      handle = await entry.handle;
    } catch (err) {
      entry.refs--;
      if (this.entries.get(path) === entry) this.entries.delete(path);
      throw err;
    }
    this.trim();
    const owner = entry;
    let released = false;
    return {
      handle,
      release: () => {
        if (released) return;
        released = true;
        owner.refs--;
        if (owner.evicted && owner.refs === 0) void handle.close().catch(() => undefined);
      },
    };
  }

  /** Forgets `path` (file deleted or replaced); its handle closes once no lease holds it. */
  evict(path: string): void {
    const entry = this.entries.get(path);
    if (entry === undefined) return;
    this.entries.delete(path);
    void this.retire(entry);
  }

  /** Closes every idle handle; leased ones close when released. */
  async closeAll(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((e) => this.retire(e)));
  }

  private async retire(entry: Entry): Promise<void> {
    entry.evicted = true;
    if (entry.refs > 0) return;
    try {
      await (await entry.handle).close();
    } catch {
      // already closed or never opened: nothing to release
    }
  }

  private trim(): void {
    for (const [path, entry] of this.entries) {
      if (this.entries.size <= this.maxOpen) break;
      if (entry.refs === 0) {
        this.entries.delete(path);
        void this.retire(entry);
      }
    }
  }
}
