// Little-endian unsigned 64-bit fields as JS numbers (exact up to 2^53), used by every on-disk
// format here for offsets and epoch-millisecond timestamps.

const TWO_32 = 0x1_0000_0000;

export function writeUInt64LE(buf: Uint8Array, pos: number, value: number): void {
  writeU32(buf, pos, value % TWO_32);
  writeU32(buf, pos + 4, Math.floor(value / TWO_32));
}

export function readUInt64LE(buf: Uint8Array, pos: number): number {
  return readUInt32LE(buf, pos) + readUInt32LE(buf, pos + 4) * TWO_32;
}

export function readUInt32LE(buf: Uint8Array, pos: number): number {
  return (buf[pos]! | (buf[pos + 1]! << 8) | (buf[pos + 2]! << 16) | (buf[pos + 3]! << 24)) >>> 0;
}

function writeU32(buf: Uint8Array, pos: number, value: number): void {
  buf[pos] = value & 0xff;
  buf[pos + 1] = (value >>> 8) & 0xff;
  buf[pos + 2] = (value >>> 16) & 0xff;
  buf[pos + 3] = (value >>> 24) & 0xff;
}
