// Lets a test run the server process with its wall clock shifted (Date.now() and `new Date()` move
// by a fixed offset), so records written by an earlier run of the same data dir look old without
// the test waiting for real time to pass. Used through NODE_OPTIONS=--import=<preload>.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const PRELOAD = `// Test-only: shifts this process's wall clock by TRIBUTARY_TEST_CLOCK_OFFSET_MS.
const offset = Number(process.env.TRIBUTARY_TEST_CLOCK_OFFSET_MS ?? '0');
const RealDate = Date;
const realNow = RealDate.now.bind(RealDate);
const shiftedNow = () => realNow() + offset;
globalThis.Date = new Proxy(RealDate, {
  construct(target, args, newTarget) {
    return Reflect.construct(target, args.length === 0 ? [shiftedNow()] : args, newTarget);
  },
  apply() {
    return new RealDate(shiftedNow()).toString();
  },
  get(target, prop, receiver) {
    return prop === 'now' ? shiftedNow : Reflect.get(target, prop, receiver);
  },
});
`;

/** Writes the preload into `dir` and returns the environment that shifts a server's clock by `offsetMs`. */
export async function clockShiftEnv(dir: string, offsetMs: number): Promise<Record<string, string>> {
  const file = join(dir, 'clock-shift.mjs');
  await writeFile(file, PRELOAD);
  const inherited = process.env['NODE_OPTIONS'];
  return {
    NODE_OPTIONS: `${inherited === undefined ? '' : inherited + ' '}--import=${file}`,
    TRIBUTARY_TEST_CLOCK_OFFSET_MS: String(offsetMs),
  };
}
