// How a stopping mapping unwinds: every wait of a poller is raced against the mapping's abort
// signal and throws MappingStoppedError, which the poller's top level catches. Work interrupted
// this way is never checkpointed (its records are delivered again: at-least-once).

export class MappingStoppedError extends Error {
  constructor() {
    super('event source mapping stopped');
    this.name = 'MappingStoppedError';
  }
}

/** Throws MappingStoppedError when `signal` has aborted. */
export function throwIfStopped(signal: AbortSignal): void {
  if (signal.aborted) throw new MappingStoppedError();
}

/**
 * `work`'s outcome, unless `signal` aborts first: then rejects with MappingStoppedError and
 * leaves `work` running unobserved (its rejection is swallowed).
 */
export function unlessStopped<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(new MappingStoppedError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new MappingStoppedError());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
