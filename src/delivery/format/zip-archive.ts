// A ZIP archive with exactly one deflated entry, what Firehose writes for CompressionFormat `ZIP`.
// Written by hand around node:zlib's raw deflate (off the event loop) because buffers are bounded
// (≤ 128 MiB), so the classic 32-bit ZIP structures always suffice.
import { promisify } from 'node:util';
import { deflateRaw, deflateRawSync } from 'node:zlib';
import { crc32 } from '@node-rs/crc32';

const deflateRawAsync = promisify(deflateRaw);
const UTF8_NAMES = 0x0800;
const DEFLATE = 8;
const VERSION = 20;

/** Packs `data` as the single entry `entryName`, stamped with `modified` (UTC, 2-second DOS precision). */
export async function zipSingleEntry(entryName: string, data: Buffer, modified: Date): Promise<Buffer> {
  return packSingleEntry(entryName, data, await deflateRawAsync(data), modified);
}

/** zipSingleEntry on the calling thread (same bytes). */
export function zipSingleEntrySync(entryName: string, data: Buffer, modified: Date): Buffer {
  return packSingleEntry(entryName, data, deflateRawSync(data), modified);
}

function packSingleEntry(entryName: string, data: Buffer, deflated: Buffer, modified: Date): Buffer {
  const name = Buffer.from(entryName, 'utf8');
  const crc = crc32(data) >>> 0;
  if (data.length >= 0xffffffff || deflated.length >= 0xffffffff) throw new RangeError('ZIP entry too large');
  const { time, date } = dosDateTime(modified);

  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(VERSION, 4);
  local.writeUInt16LE(UTF8_NAMES, 6);
  local.writeUInt16LE(DEFLATE, 8);
  local.writeUInt16LE(time, 10);
  local.writeUInt16LE(date, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);

  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(VERSION, 4);
  central.writeUInt16LE(VERSION, 6);
  central.writeUInt16LE(UTF8_NAMES, 8);
  central.writeUInt16LE(DEFLATE, 10);
  central.writeUInt16LE(time, 12);
  central.writeUInt16LE(date, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);

  const centralOffset = local.length + name.length + deflated.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, name, deflated, central, name, end]);
}

function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.max(1980, Math.min(2107, at.getUTCFullYear()));
  const time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2);
  const date = ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  return { time, date };
}
