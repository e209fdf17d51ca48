// Opening a shard after a restart or crash. Sealed segments with a valid index file are trusted
// as-is (no scan: restart cost does not grow with retained data); the last segment (unless a clean
// close left a matching index for it), and any segment lacking a usable index, is scanned and
// truncated at its first bad entry. A segment that
// does not continue the offsets of the one before it, and everything after a truncated segment,
// is deleted: those records were never acknowledged after a gap.
import { open, readdir, stat, truncate, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { readIndexSummary, writeIndexFile } from './index-file.js';
import { Segment } from './segment.js';
import { loadSegmentFromIndex, scanSegment } from './segment-scanner.js';
import type { SegmentScan } from './segment-scanner.js';
import { INDEX_SUFFIX, SEALED_MARKER, fsyncDirectory, indexPath, logPath, parseSegmentFileName } from './segment-files.js';
import { ShardLog } from './shard-log.js';
import type { ShardLogConfig } from './shard-log.js';

/** Recovers the shard stored in `<root>/<key>` and returns it ready for appends. */
export async function openShard(root: string, key: string, config: ShardLogConfig): Promise<ShardLog> {
  const dir = join(root, key);
  const names = await readdir(dir);
  const bases = names.map(parseSegmentFileName).filter((b): b is number => b !== undefined).sort((a, b) => a - b);
  await removeLeftovers(dir, names, new Set(bases));
  const kept: Segment[] = [];
  const scans = new Map<Segment, SegmentScan>();
  for (let i = 0; i < bases.length; i++) {
    const base = bases[i]!;
    const previous = kept[kept.length - 1];
    if (previous !== undefined && base !== previous.endOffset) {
      await removeSegments(dir, bases.slice(i));
      break;
    }
    const isLast = i === bases.length - 1;
    const sealed = isLast ? undefined : await loadSealed(dir, base);
    if (sealed !== undefined) {
      kept.push(sealed);
      continue;
    }
    const path = logPath(dir, base);
    const scan = (isLast ? await loadSegmentFromIndex(path, base, config.indexIntervalBytes) : undefined) ?? (await scanSegment(path, base, config.indexIntervalBytes));
    if (!scan.headerValid) {
      await removeSegments(dir, bases.slice(i));
      break;
    }
    const truncated = scan.size < scan.fileSize;
    if (truncated) await truncate(logPath(dir, base), scan.size);
    if (scan.recordCount === 0 && !isLast && !truncated) {
      await removeSegments(dir, [base]);
      continue;
    }
    const segment = new Segment(dir, base, scan);
    scans.set(segment, scan);
    kept.push(segment);
    if (truncated && !isLast) {
      await removeSegments(dir, bases.slice(i + 1));
      break;
    }
  }
  if (kept.length === 0) {
    kept.push(await Segment.create(dir, bases[0] ?? 0, undefined, config.indexIntervalBytes, config.fsync));
  } else {
    await activateLast(dir, kept, scans, config);
  }
  for (const [segment, scan] of scans) {
    if (segment !== kept[kept.length - 1]) {
      segment.indexSummary = await writeIndexFile(segment.indexPath, scan.index, {
        baseOffset: segment.baseOffset,
        recordCount: scan.recordCount,
        segmentBytes: scan.size,
        firstTimestamp: scan.firstTimestamp ?? 0,
        lastTimestamp: scan.lastTimestamp ?? 0,
      }, config.fsync);
    }
  }
  if (config.fsync) await fsyncDirectory(dir);
  const sealed = names.includes(SEALED_MARKER);
  return new ShardLog(key, dir, config, { segments: kept, sealed, lastTimestamp: lastTimestampOf(kept, scans) });
}

/** A sealed segment from its index file, or undefined when the index is missing or disagrees. */
async function loadSealed(dir: string, base: number): Promise<Segment | undefined> {
  const summary = await readIndexSummary(indexPath(dir, base));
  if (summary === undefined || summary.baseOffset !== base || summary.recordCount === 0) return undefined;
  const size = (await stat(logPath(dir, base))).size;
  if (size !== summary.segmentBytes) return undefined;
  const segment = new Segment(dir, base, { size, recordCount: summary.recordCount, firstTimestamp: summary.firstTimestamp, lastTimestamp: summary.lastTimestamp });
  segment.indexSummary = summary;
  return segment;
}

/** Gives the last segment a write handle and an in-memory index; its index file goes away. */
async function activateLast(dir: string, kept: Segment[], scans: Map<Segment, SegmentScan>, config: ShardLogConfig): Promise<void> {
  let last = kept[kept.length - 1]!;
  let scan = scans.get(last);
  if (scan === undefined) {
    // Only after a gap: the last kept segment was sealed. Rebuild its index by scanning.
    scan = await scanSegment(last.logPath, last.baseOffset, config.indexIntervalBytes);
    last = new Segment(dir, last.baseOffset, scan);
    kept[kept.length - 1] = last;
    scans.set(last, scan);
  }
  await unlink(last.indexPath).catch(() => undefined);
  const writer = await open(last.logPath, 'r+');
  if (config.fsync) await writer.datasync(); // makes a recovery truncation durable
  last.activate(writer, scan.index);
}

function lastTimestampOf(kept: readonly Segment[], scans: Map<Segment, SegmentScan>): number | undefined {
  for (let i = kept.length - 1; i >= 0; i--) {
    if (kept[i]!.lastTimestamp !== undefined) return kept[i]!.lastTimestamp;
  }
  return scans.get(kept[kept.length - 1]!)?.previousTimestamp;
}

async function removeSegments(dir: string, bases: readonly number[]): Promise<void> {
  for (const base of bases) {
    await unlink(logPath(dir, base)).catch(() => undefined);
    await unlink(indexPath(dir, base)).catch(() => undefined);
  }
}

/** Deletes temp files and index files whose segment is gone. */
async function removeLeftovers(dir: string, names: readonly string[], bases: ReadonlySet<number>): Promise<void> {
  for (const name of names) {
    const orphanIndex = name.endsWith(INDEX_SUFFIX) && !bases.has(parseSegmentFileName(name.slice(0, -INDEX_SUFFIX.length) + '.log') ?? -1);
    if (name.endsWith('.tmp') || orphanIndex) await unlink(join(dir, name)).catch(() => undefined);
  }
}
