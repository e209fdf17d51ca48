// Domain errors of the segment record log, beyond the shared ShardNotFoundError/ShardSealedError.

/** A shard key that is not `[A-Za-z0-9_-]+` segments joined by '/'. */
export class InvalidShardKeyError extends Error {
  constructor(readonly shard: string) {
    super(`invalid shard key ${JSON.stringify(shard)}`);
    this.name = 'InvalidShardKeyError';
  }
}

/** The log was closed (or never opened) when the call was made. */
export class LogClosedError extends Error {
  constructor() {
    super('record log is not open');
    this.name = 'LogClosedError';
  }
}

/** Stored data failed a checksum or position check while being read (not at recovery). */
export class CorruptSegmentError extends Error {
  constructor(readonly path: string, readonly position: number) {
    super(`corrupt entry in ${path} at byte ${position}`);
    this.name = 'CorruptSegmentError';
  }
}
