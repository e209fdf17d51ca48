// Failed deliveries spooled on disk (never dropped): one fsynced file per batch under
// <dataDir>/delivery-spool/<stream>-<id>/ (one directory per incarnation of the delivery stream, so
// a re-created stream never sees old data), retried until they land; survives restarts.

import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeliveryRecord, SinkBatch } from '../sink.js';

/** Which sink of the stream a spooled batch is for: the destination, its error output, or the source-record backup. */
export type SinkRole = 'main' | 'error' | 'backup';

/** How a batch has failed so far (kept with it in the spool). */
export interface RetryState {
  attempts: number;
  /** Epoch ms of the first failed attempt. */
  firstFailedAt: number;
  /** Whether the batch was already written to the S3 backup (HTTP endpoint destinations). */
  backedUp: boolean;
}

export interface SpoolEntry {
  readonly role: SinkRole;
  readonly batch: SinkBatch;
  readonly retry?: RetryState;
}

interface StoredRecord { id: string; d: string; t: number; k?: Record<string, string> }
interface StoredEntry { role: SinkRole; key: string; ct?: string; ce?: string; body: string; records: StoredRecord[]; retry?: RetryState }

export class DeliverySpool {
  private seq = 0;
  private totalBytes = 0;

  constructor(readonly dir: string) {}

  /** Creates the directory and counts what is already spooled. */
  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const names = await this.list();
    this.totalBytes = 0;
    for (const name of names) this.totalBytes += (await stat(join(this.dir, name))).size;
    const last = names.at(-1);
    this.seq = last === undefined ? 0 : Number(last.slice(0, 16));
  }

  /** Bytes on disk. */
  get bytes(): number {
    return this.totalBytes;
  }

  /** Durably stores an entry (write, fsync, rename). */
  async put(entry: SpoolEntry): Promise<void> {
    await this.write(`${String(++this.seq).padStart(16, '0')}.json`, entry);
  }

  /** Durably replaces the stored entry `name` (e.g. its retry state). */
  async replace(name: string, entry: SpoolEntry): Promise<void> {
    const old = (await stat(join(this.dir, name))).size;
    await this.write(name, entry);
    this.totalBytes -= old;
  }

  /** Deletes the directory and everything spooled (the delivery stream is gone). */
  async destroy(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
    this.totalBytes = 0;
  }

  private async write(name: string, entry: SpoolEntry): Promise<void> {
    const stored: StoredEntry = {
      role: entry.role,
      key: entry.batch.objectKey,
      ...(entry.batch.contentType !== undefined ? { ct: entry.batch.contentType } : {}),
      ...(entry.batch.contentEncoding !== undefined ? { ce: entry.batch.contentEncoding } : {}),
      body: entry.batch.body.toString('base64'),
      records: entry.batch.records.map((r) => ({
        id: r.recordId, d: r.data.toString('base64'), t: r.approximateArrivalTimestamp,
        ...(r.partitionKeys !== undefined ? { k: { ...r.partitionKeys } } : {}),
      })),
      ...(entry.retry !== undefined ? { retry: entry.retry } : {}),
    };
    const data = Buffer.from(JSON.stringify(stored));
    const tmp = join(this.dir, `${name}.tmp`);
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, join(this.dir, name));
    const dh = await open(this.dir, 'r');
    try { await dh.sync(); } finally { await dh.close(); }
    this.totalBytes += data.length;
  }

  /** Spooled entry names, oldest first. */
  async list(): Promise<string[]> {
    return (await readdir(this.dir)).filter((n) => n.endsWith('.json')).sort();
  }

  async read(name: string): Promise<SpoolEntry> {
    const s = JSON.parse(await readFile(join(this.dir, name), 'utf8')) as StoredEntry;
    const records: DeliveryRecord[] = s.records.map((r) => ({
      recordId: r.id, data: Buffer.from(r.d, 'base64'), approximateArrivalTimestamp: r.t,
      ...(r.k !== undefined ? { partitionKeys: r.k } : {}),
    }));
    return {
      role: s.role,
      batch: {
        objectKey: s.key, body: Buffer.from(s.body, 'base64'), records,
        ...(s.ct !== undefined ? { contentType: s.ct } : {}),
        ...(s.ce !== undefined ? { contentEncoding: s.ce } : {}),
      },
      ...(s.retry !== undefined ? { retry: s.retry } : {}),
    };
  }

  async remove(name: string): Promise<void> {
    const path = join(this.dir, name);
    const size = (await stat(path)).size;
    await rm(path);
    this.totalBytes -= size;
  }
}
