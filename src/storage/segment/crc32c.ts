// CRC32C (Castagnoli): the checksum that frames every log entry and index. Long ranges go to
// @node-rs/crc32 (native, SSE4.2: several GB/s) when its binary loads on this platform; short ones,
// and everything when it does not load, to the table-driven TypeScript version (crc32c-table.ts).
import { createRequire } from 'node:module';
import { crc32cTable } from './crc32c-table.js';

type NativeCrc32c = (input: Uint8Array, initialState?: number) => number;

/** Below this many bytes the cost of calling native code exceeds the table loop's. */
const NATIVE_MIN_BYTES = 128;

function loadNative(): NativeCrc32c | undefined {
  try {
    const mod = createRequire(import.meta.url)('@node-rs/crc32') as { crc32c?: NativeCrc32c };
    const fn = mod.crc32c;
    // A self-check, so a binding that loads but disagrees can never corrupt or reject data.
    return typeof fn === 'function' && fn(Buffer.from('123456789')) === 0xe3069283 ? fn : undefined;
  } catch {
    return undefined;
  }
}

const native = loadNative();

/** Which implementation serves long ranges in this process: 'native' or 'table'. */
export const crc32cImplementation: 'native' | 'table' = native === undefined ? 'table' : 'native';

/**
 * CRC32C of `buf[start, end)`, as an unsigned 32-bit number. Pass a previous result as `seed`
 * to continue a checksum over several buffers.
 */
export function crc32c(buf: Uint8Array, start = 0, end = buf.length, seed = 0): number {
  if (native === undefined || end - start < NATIVE_MIN_BYTES) return crc32cTable(buf, start, end, seed);
  const range = start === 0 && end === buf.length ? buf : new Uint8Array(buf.buffer, buf.byteOffset + start, end - start);
  return native(range, seed) >>> 0;
}
