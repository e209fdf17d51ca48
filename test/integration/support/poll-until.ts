// Polls an async condition against a running server process (whose clock we do not control)
// until it holds, bounded in attempts and time.
import { setTimeout as sleep } from 'node:timers/promises';

/** Resolves with the first truthy value of `check`, or rejects after `timeoutMs`. */
export async function pollUntil<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 5000, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (let attempt = 0; attempt < 10_000; attempt++) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) break;
    await sleep(intervalMs);
  }
  throw new Error(`timed out waiting for ${what}` + (last === undefined ? '' : `: ${String(last)}`));
}
