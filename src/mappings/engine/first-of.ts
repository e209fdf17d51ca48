// firstOf: waits for whichever of several abortable waits ends first, then cancels the others,
// so racing a wake-up against a timer leaves no timer or listener behind.

/** A wait that resolves (never rejects) when done or when its signal aborts. */
export type AbortableWait = (signal: AbortSignal) => Promise<unknown>;

/** The reason losing waits are aborted with (a shared object: no DOMException per wait). */
const DONE = Symbol('first-of done');

/** Resolves when the first of `waits` resolves or `signal` aborts; the rest are aborted. */
export async function firstOf(signal: AbortSignal, waits: readonly AbortableWait[]): Promise<void> {
  if (signal.aborted) return;
  const local = new AbortController();
  const onAbort = (): void => local.abort(DONE);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await Promise.race(waits.map((wait) => wait(local.signal)));
  } finally {
    signal.removeEventListener('abort', onAbort);
    local.abort(DONE);
  }
}
