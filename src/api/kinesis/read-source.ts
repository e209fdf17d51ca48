// Which stream and shard a GetRecords output was read from: kept beside the output (not in it, so
// the codec never sees it) for the metrics wrapper, which cannot decode the encrypted iterator.

import type { OperationOutput } from '../operation.js';

export interface ReadSource {
  readonly streamName: string;
  readonly shardId: string;
}

export const readSources = new WeakMap<OperationOutput, ReadSource>();
